package dev.chatstore.cli;

import dev.chatstore.MaintenanceReport;
import dev.chatstore.SchemaMigration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The library's results as JSON values (maps, lists, strings, numbers) and as text. */
final class Views {
    private Views() {
    }

    static Map<String, Object> migration(SchemaMigration m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", m.version());
        json.put("description", m.description());
        json.put("script", m.script());
        json.put("checksum", m.checksum());
        json.put("installedAt", m.installedAt().toString());
        json.put("executionMillis", m.executionMillis());
        return json;
    }

    static List<Map<String, Object>> migrations(List<SchemaMigration> migrations) {
        return migrations.stream().map(Views::migration).toList();
    }

    static String migrationLine(SchemaMigration m) {
        return String.format(Locale.ROOT, "  V%-3d %-44s %s  %d ms", m.version(), m.description(), m.installedAt(),
                m.executionMillis());
    }

    static Map<String, Object> maintenance(MaintenanceReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("operation", report.operation());
        json.put("ok", report.ok());
        json.put("tookMillis", report.took().toMillis());
        json.put("figures", report.figures());
        json.put("problems", report.problems());
        return json;
    }

    static String maintenanceText(MaintenanceReport report) {
        StringBuilder text = new StringBuilder(report.operation()).append(": ")
                .append(report.ok() ? "ok" : "PROBLEMS FOUND").append(" (").append(seconds(report.took())).append(')');
        report.figures().forEach((name, value) -> text.append("\n  ").append(name).append(": ").append(value));
        report.problems().forEach(problem -> text.append("\n  problem: ").append(problem));
        return text.toString();
    }

    /** Rows per table, sorted by table name, in text. */
    static String tableRows(Map<String, Long> rows) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(rows).forEach((table, count) -> text.append(String.format(Locale.ROOT, "%n  %-24s %,12d", table, count)));
        return text.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
