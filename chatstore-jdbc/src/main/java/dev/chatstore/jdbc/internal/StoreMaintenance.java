package dev.chatstore.jdbc.internal;

import dev.chatstore.EncryptionKeyException;
import dev.chatstore.StoreStatistics;
import java.util.List;

/** Store-wide operations: statistics, purging the search cache, rotating the encryption key. Thread-safe. */
final class StoreMaintenance {
    enum Sql implements SqlStatement {
        STATISTICS, PURGE_EXPIRED_SEARCH_CACHE, SECRETS_NOT_UNDER_KEY, REENCRYPT;

        @Override
        public String catalog() {
            return "maintenance";
        }
    }

    private final StoreContext ctx;
    private final SecretCipher cipher;

    StoreMaintenance(StoreContext ctx) {
        this.ctx = ctx;
        this.cipher = SecretCipher.of(ctx.options.encryptionKeys());
    }

    /** Counts of users (with a profile or a conversation), conversations, messages and active personas. */
    public StoreStatistics statistics() {
        return ctx.read("read store statistics", h -> h.createQuery(ctx.sql(Sql.STATISTICS))
                .map((rs, c) -> new StoreStatistics(rs.getLong("users"), rs.getLong("conversations"),
                        rs.getLong("messages"), rs.getLong("active_personas")))
                .one());
    }

    /** Deletes the search cache entries of every user that have expired by the store's clock. */
    public long purgeExpiredSearchCache() {
        return ctx.write("purge expired search results", h -> h.createUpdate(ctx.sql(Sql.PURGE_EXPIRED_SEARCH_CACHE))
                .bind("now", ctx.now())
                .execute());
    }

    /**
     * Re-encrypts, in one write transaction, every provider API key not encrypted with the current
     * key. If any of them cannot be decrypted, none is changed.
     *
     * @return how many keys were re-encrypted
     * @throws EncryptionKeyException if the store has no keys, or a stored key's key is not among them
     */
    public long rotateEncryptionKey() {
        String currentId = cipher.currentKeyId("rotate the encryption key");
        return ctx.write("rotate the encryption key", h -> {
            record Stale(String userId, String providerId, SecretCipher.Sealed sealed) {
            }
            List<Stale> stale = h.createQuery(ctx.sql(Sql.SECRETS_NOT_UNDER_KEY))
                    .bind("keyId", currentId)
                    .map((rs, c) -> new Stale(rs.getString("user_id"), rs.getString("provider_id"),
                            new SecretCipher.Sealed(rs.getBytes("api_key_ciphertext"), rs.getBytes("api_key_iv"),
                                    rs.getString("api_key_key_id"))))
                    .list();
            long rotated = 0;
            for (Stale s : stale) {
                String plain = cipher.decrypt(s.sealed(), s.userId(), s.providerId());
                SecretCipher.Sealed fresh = cipher.encrypt(plain, s.userId(), s.providerId());
                rotated += h.createUpdate(ctx.sql(Sql.REENCRYPT))
                        .bind("ciphertext", fresh.ciphertext())
                        .bind("iv", fresh.iv())
                        .bind("keyId", fresh.keyId())
                        .bind("userId", s.userId())
                        .bind("providerId", s.providerId())
                        .bind("previousKeyId", s.sealed().keyId())
                        .execute();
            }
            return rotated;
        });
    }
}
