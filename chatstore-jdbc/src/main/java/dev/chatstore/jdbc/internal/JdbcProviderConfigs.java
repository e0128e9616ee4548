package dev.chatstore.jdbc.internal;

import dev.chatstore.Limits;
import dev.chatstore.NotFoundException;
import dev.chatstore.ProviderConfig;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.ProviderConfigs;
import dev.chatstore.internal.Check;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One user's AI provider configurations. API keys are stored encrypted ({@link SecretCipher}),
 * bound to the user and provider they belong to; the plain key leaves only through
 * {@link #apiKey}. Thread-safe.
 */
final class JdbcProviderConfigs implements ProviderConfigs {
    enum Sql implements SqlStatement {
        UPSERT_WITH_KEY, UPSERT_KEEPING_KEY, BY_ID, LIST, API_KEY, CLEAR_API_KEY, DELETE;

        @Override
        public String catalog() {
            return "provider";
        }
    }

    private final StoreContext ctx;
    private final String userId;
    private final RowMapper<ProviderConfig> mapper;
    /** Built on first use: most per-user views never touch a secret. */
    private volatile SecretCipher cipher;

    JdbcProviderConfigs(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.mapper = (rs, c) -> new ProviderConfig(
                rs.getString("provider_id"),
                rs.getString("base_url"),
                rs.getBoolean("enabled"),
                Json.read(rs.getString("model_preferences")),
                rs.getString("api_key_key_id") != null,
                ctx.dialect.readInstant(rs, "created_at"),
                ctx.dialect.readInstant(rs, "updated_at"));
    }

    private SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            c = SecretCipher.of(ctx.options.encryptionKeys());
            cipher = c;
        }
        return c;
    }

    @Override
    public ProviderConfig put(ProviderConfigSpec spec) {
        Check.notNull("spec", spec);
        // Encrypt before the transaction: a missing key fails without touching the database.
        SecretCipher.Sealed sealed = spec.apiKey() == null ? null
                : cipher().encrypt(spec.apiKey(), userId, spec.providerId());
        Instant now = ctx.now();
        return ctx.writeFor(userId, "store a provider configuration", h -> {
            var upsert = h.createUpdate(ctx.sql(sealed == null ? Sql.UPSERT_KEEPING_KEY : Sql.UPSERT_WITH_KEY))
                    .bind("userId", userId)
                    .bind("providerId", spec.providerId())
                    .bind("baseUrl", spec.baseUrl())
                    .bind("enabled", spec.enabled())
                    .bind("modelPreferences", Json.write(spec.modelPreferences()))
                    .bind("now", now);
            if (sealed != null) {
                upsert.bind("ciphertext", sealed.ciphertext())
                        .bind("iv", sealed.iv())
                        .bind("keyId", sealed.keyId());
            }
            upsert.execute();
            return find(h, spec.providerId()).orElseThrow();
        });
    }

    @Override
    public Optional<ProviderConfig> get(String providerId) {
        checkProviderId(providerId);
        return ctx.readFor(userId, "read a provider configuration", h -> find(h, providerId));
    }

    private Optional<ProviderConfig> find(Handle h, String providerId) {
        return h.createQuery(ctx.sql(Sql.BY_ID))
                .bind("userId", userId)
                .bind("providerId", providerId)
                .map(mapper).findOne();
    }

    @Override
    public List<ProviderConfig> list() {
        return ctx.readFor(userId, "list provider configurations", h -> h.createQuery(ctx.sql(Sql.LIST))
                .bind("userId", userId)
                .map(mapper).list());
    }

    @Override
    public Optional<String> apiKey(String providerId) {
        checkProviderId(providerId);
        Optional<SecretCipher.Sealed> stored = ctx.readFor(userId, "read an API key", h -> h.createQuery(ctx.sql(Sql.API_KEY))
                .bind("userId", userId)
                .bind("providerId", providerId)
                .map((rs, c) -> new SecretCipher.Sealed(rs.getBytes("api_key_ciphertext"), rs.getBytes("api_key_iv"),
                        rs.getString("api_key_key_id")))
                .findOne());
        return stored.map(sealed -> cipher().decrypt(sealed, userId, providerId));
    }

    @Override
    public ProviderConfig clearApiKey(String providerId) {
        checkProviderId(providerId);
        Instant now = ctx.now();
        return ctx.writeFor(userId, "clear an API key", h -> {
            int updated = h.createUpdate(ctx.sql(Sql.CLEAR_API_KEY))
                    .bind("userId", userId)
                    .bind("providerId", providerId)
                    .bind("now", now)
                    .execute();
            if (updated == 0) {
                throw new NotFoundException("No configuration of provider " + providerId);
            }
            return find(h, providerId).orElseThrow();
        });
    }

    @Override
    public boolean delete(String providerId) {
        checkProviderId(providerId);
        return ctx.writeFor(userId, "delete a provider configuration", h -> h.createUpdate(ctx.sql(Sql.DELETE))
                .bind("userId", userId)
                .bind("providerId", providerId)
                .execute() > 0);
    }

    private static void checkProviderId(String providerId) {
        Check.text("providerId", providerId, Limits.PROVIDER_MAX);
    }
}
