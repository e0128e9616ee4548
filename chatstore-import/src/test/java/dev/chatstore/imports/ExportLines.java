package dev.chatstore.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An export written by {@link SourceImport#writeExport}, parsed line by line for the tests. */
record ExportLines(List<String> raw, List<Map<String, Object>> lines) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ExportLines of(SourceProduct product, Connection source, String owner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SourceImport.writeExport(product, source, owner, out);
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> raw = List.of(text.split("\n"));
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : raw) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = JSON.readValue(line, Map.class);
                parsed.add(map);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ExportLines(raw, parsed);
    }

    /** The rows of one table, in file order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(String table) {
        return lines.stream().filter(l -> table.equals(l.get("table"))).map(l -> (Map<String, Object>) l.get("row"))
                .toList();
    }

    List<Map<String, Object>> rows(String table, String column, Object value) {
        return rows(table).stream().filter(r -> value.equals(r.get(column))).toList();
    }
}
