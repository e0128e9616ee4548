package dev.chatstore.imports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/** One user's attachment rows, each written once however many messages name it. Not thread-safe. */
final class Attachments {
    private final Set<String> written = new HashSet<>();

    boolean written(String id) {
        return written.contains(id);
    }

    /**
     * Writes an attachment: with its bytes inline when the source kept them (with their SHA-256), else at
     * {@code storageUri}. {@code size} null is the inline size, or 0.
     */
    void write(ExportWriter out, String userId, String id, String name, String mimeType, Long size, String storageUri,
               byte[] inline, String status, String errorText, String extractedText, Long wordCount,
               Instant createdAt, Instant updatedAt) {
        if (!written.add(id)) {
            return;
        }
        out.row("attachment", new Row()
                .text("id", id)
                .text("user_id", userId)
                .text("name", name)
                .text("mime_type", mimeType)
                .integer("size_bytes", size != null ? size : inline != null ? inline.length : 0L)
                .text("sha256", inline == null ? null : sha256(inline))
                .text("storage_uri", inline == null ? storageUri : null)
                .bytes("inline_data", inline)
                .text("status", status)
                .text("error_text", errorText)
                .text("extracted_text", extractedText)
                .integer("word_count", wordCount)
                .instant("created_at", createdAt)
                .instant("updated_at", updatedAt));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
