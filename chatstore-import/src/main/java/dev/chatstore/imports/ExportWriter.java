package dev.chatstore.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the store export format, version 1. A converter hands it a user's rows in any order; they wait in one
 * spill file per table (so memory does not grow with a user's data) and go out in the format's table order when
 * the user ends, counted and hashed. Not thread-safe.
 */
final class ExportWriter implements Closeable {
    /** The per-user tables in the order the format lists them. */
    static final List<String> USER_TABLES = List.of("conversation", "message", "user_profile", "attachment",
            "message_attachment", "conversation_attachment", "memory_fact", "setting", "provider_config",
            "search_cache", "embedding_model", "embedding");
    /** The schema the rows describe (informational in the header). */
    private static final int SCHEMA_VERSION = 15;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final OutputStream out;
    private final Path spillDir;
    private final Map<String, BufferedWriter> spills = new HashMap<>();
    private String user;
    private long users;
    private long rows;
    private boolean personasDone;

    ExportWriter(OutputStream out, String backend) {
        this.out = out;
        try {
            this.spillDir = Files.createTempDirectory("chatstore-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "chatstore-export");
        header.put("version", 1);
        header.put("schemaVersion", SCHEMA_VERSION);
        header.put("backend", backend);
        header.put("exportedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        header.put("secrets", false);
        line(header);
    }

    void persona(Row row) {
        if (personasDone) {
            throw new IllegalStateException("personas come before the first user");
        }
        line(rowLine("persona", row));
        rows++;
    }

    void beginUser(String userId) {
        if (user != null) {
            throw new IllegalStateException("user " + user + " not ended");
        }
        personasDone = true;
        user = userId;
    }

    void row(String table, Row row) {
        if (user == null || !USER_TABLES.contains(table)) {
            throw new IllegalStateException("no user section for a row of " + table);
        }
        try {
            BufferedWriter spill = spills.get(table);
            if (spill == null) {
                spill = Files.newBufferedWriter(spillDir.resolve(table), StandardCharsets.UTF_8);
                spills.put(table, spill);
            }
            spill.write(text(rowLine(table, row)));
            spill.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the user's section: the user line, the rows table by table, the closing line with count and hash. */
    void endUser() {
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("user", user);
        line(open);
        MessageDigest digest = sha256();
        long userRows = 0;
        try {
            for (String table : USER_TABLES) {
                BufferedWriter spill = spills.remove(table);
                if (spill == null) {
                    continue;
                }
                spill.close();
                Path file = spillDir.resolve(table);
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        byte[] bytes = (l + "\n").getBytes(StandardCharsets.UTF_8);
                        digest.update(bytes);
                        out.write(bytes);
                        userRows++;
                    }
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> close = new LinkedHashMap<>();
        close.put("userEnd", user);
        close.put("rows", userRows);
        close.put("sha256", HexFormat.of().formatHex(digest.digest()));
        line(close);
        rows += userRows;
        users++;
        user = null;
    }

    /** The last line; the output is flushed, not closed. */
    void finish() {
        if (user != null) {
            throw new IllegalStateException("user " + user + " not ended");
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("end", true);
        end.put("users", users);
        end.put("rows", rows);
        line(end);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            for (BufferedWriter spill : spills.values()) {
                spill.close();
            }
            spills.clear();
            try (var files = Files.list(spillDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(spillDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> rowLine(String table, Row row) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("table", table);
        line.put("row", row.values());
        return line;
    }

    private void line(Map<String, Object> value) {
        try {
            out.write((text(value) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row of plain values is always JSON", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
