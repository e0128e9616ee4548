package dev.chatstore.cli;

import dev.chatstore.StoreExportSummary;
import dev.chatstore.StoreImportReport;
import dev.chatstore.TransferProgress;
import dev.chatstore.TransferStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/** Export, import and copy: their progress and their results in JSON. */
final class Transfers {
    private Transfers() {
    }

    /**
     * Shows a transfer's progress.
     *
     * @param done  how far it is, in the progress's unit, from the status (messages) or from outside (bytes read)
     * @param total the total in that unit, or -1 if unknown
     */
    static TransferProgress showing(Progress progress, long total, ToLongFunction<TransferStatus> done) {
        return status -> {
            long value = done.applyAsLong(status);
            String detail = detail(status);
            if (status.done()) {
                progress.finish(value, total, detail);
            } else {
                progress.update(value, total, detail);
            }
        };
    }

    /** Messages of the status against {@code total} messages. */
    static TransferProgress messages(Progress progress, long total) {
        return showing(progress, total, TransferStatus::messages);
    }

    /** {@code bytes} read against {@code total} bytes. */
    static TransferProgress bytes(Progress progress, long total, LongSupplier bytes) {
        return showing(progress, total, status -> bytes.getAsLong());
    }

    private static String detail(TransferStatus status) {
        return Views.count(status.users()) + " users, " + Views.count(status.rows()) + " rows";
    }

    static Map<String, Object> exported(StoreExportSummary summary) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("users", summary.users());
        json.put("totalRows", summary.totalRows());
        json.put("rows", new TreeMap<>(summary.rows()));
        return json;
    }

    static Map<String, Object> imported(StoreImportReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("users", report.users());
        json.put("skippedUsers", report.skippedUsers());
        json.put("totalRows", report.totalRows());
        json.put("rows", new TreeMap<>(report.rows()));
        return json;
    }
}
