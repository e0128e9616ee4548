package dev.chatstore.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The assistant's search cache. chatstore finds an entry by the SHA-256 of the normalised query (NFKC, whitespace
 * runs collapsed, trimmed, lower case), not by the product's own hash, so the key is recomputed; entries whose
 * queries normalise alike keep the newest. Expired entries come along (the store's purge removes them).
 * Not thread-safe.
 */
final class SearchCacheRows {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private record Entry(String query, String results, Instant expiresAt, Instant createdAt) {
    }

    private final Map<String, Entry> byHash = new TreeMap<>();

    void write(SourceDb db, ExportWriter out, String owner) {
        String t = "search_cache";
        db.query("SELECT s.id, s.query_text, s.results, s.expires_at, s.created_at FROM search_cache s", rs -> {
            String sourceId = rs.getString("id");
            String query = normalise(SourceValues.required(rs.getString("query_text"), t, sourceId, "query_text"));
            if (query.isEmpty()) {
                throw SourceProblem.at(t, sourceId, "query_text", "is blank");
            }
            Object results = SourceJson.read(SourceValues.required(rs.getString("results"), t, sourceId, "results"),
                    t, sourceId, "results");
            Instant expires = Timestamps.required(rs.getObject("expires_at"), t, sourceId, "expires_at");
            Instant created = Timestamps.parse(rs.getObject("created_at"), t, sourceId, "created_at");
            Entry entry = new Entry(query, SourceJson.write(results), expires, created == null ? expires : created);
            byHash.merge(hash(query), entry, (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
        });
        byHash.forEach((hash, e) -> out.row("search_cache", new Row()
                .text("user_id", owner)
                .text("query_hash", hash)
                .text("query", e.query())
                .json("results", e.results())
                .instant("expires_at", e.expiresAt())
                .instant("created_at", e.createdAt())));
    }

    static String normalise(String query) {
        String nfkc = Normalizer.normalize(query, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(nfkc).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    private static String hash(String normalised) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
