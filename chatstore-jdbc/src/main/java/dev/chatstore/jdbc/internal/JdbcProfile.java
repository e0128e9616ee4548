package dev.chatstore.jdbc.internal;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Conversation;
import dev.chatstore.Profile;
import dev.chatstore.ProfileSpec;
import dev.chatstore.UserProfile;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.JsonText;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** One user's profile; every write creates it first if needed. Thread-safe. */
final class JdbcProfile implements Profile {
    enum Sql implements SqlStatement {
        ENSURE, UPSERT, CLAIM_EMAIL, EMAIL_OWNER, RELEASE_OTHER_EMAILS, RELEASE_EMAILS, CLAIM_IMPORTED_EMAILS, BY_USER,
         LOCK_PREFERENCES, SET_PREFERENCES, TOUCH, SET_ACTIVE_CONVERSATION;

        @Override
        public String catalog() {
            return "profile";
        }
    }

    private static final JsonText EMPTY = new JsonText("{}");

    private final StoreContext ctx;
    private final String userId;
    private final RowMapper<UserProfile> mapper;

    JdbcProfile(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.mapper = (rs, c) -> new UserProfile(
                rs.getString("user_id"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getBoolean("active"),
                Json.read(rs.getString("preferences")),
                rs.getString("active_conversation_id"),
                ctx.dialect.readInstant(rs, "created_at"),
                ctx.dialect.readInstant(rs, "updated_at"),
                ctx.dialect.readInstant(rs, "last_active_at"));
    }

    @Override
    public UserProfile upsert(ProfileSpec profile) {
        Check.notNull("profile", profile);
        return ctx.writeFor(userId, "save a user profile", h -> {
            if (profile.email() == null) {
                h.createUpdate(ctx.sql(Sql.RELEASE_EMAILS)).bind("userId", userId).execute();
            } else {
                if (!claim(h, profile.email()).equals(userId)) {
                    throw new AlreadyExistsException("Another user has the email " + profile.email());
                }
                h.createUpdate(ctx.sql(Sql.RELEASE_OTHER_EMAILS))
                        .bind("email", profile.email()).bind("userId", userId).execute();
            }
            h.createUpdate(ctx.sql(Sql.UPSERT))
                    .bind("userId", userId)
                    .bind("email", profile.email())
                    .bind("displayName", profile.displayName())
                    .bind("active", profile.active())
                    .bind("emptyPreferences", EMPTY)
                    .bind("now", ctx.now())
                    .execute();
            return load(h);
        });
    }

    @Override
    public Optional<UserProfile> get() {
        return ctx.readFor(userId, "read a user profile", this::find);
    }

    /** The profile, read in the caller's transaction. */
    Optional<UserProfile> find(Handle h) {
        return h.createQuery(ctx.sql(Sql.BY_USER)).bind("userId", userId).map(mapper).findOne();
    }

    @Override
    public UserProfile mergePreferences(Map<String, ?> patch) {
        Map<String, Object> validPatch = Check.metadata("patch", patch);
        return updatePreferences("merge preferences", current -> Json.mergePatch(current, validPatch));
    }

    @Override
    public UserProfile replacePreferences(Map<String, ?> preferences) {
        Map<String, Object> valid = Check.metadata("preferences", preferences);
        return updatePreferences("replace preferences", current -> valid);
    }

    /** Read under the row lock, change, write: concurrent merges queue and all survive. */
    private UserProfile updatePreferences(String operation, UnaryOperator<Map<String, Object>> change) {
        return ctx.writeFor(userId, operation, h -> {
            ensure(h);
            String current = h.createQuery(ctx.sql(Sql.LOCK_PREFERENCES))
                    .bind("userId", userId)
                    .mapTo(String.class).one();
            Map<String, Object> updated = Check.metadata("preferences", change.apply(Json.read(current)));
            h.createUpdate(ctx.sql(Sql.SET_PREFERENCES))
                    .bind("userId", userId)
                    .bind("preferences", Json.write(updated))
                    .bind("now", ctx.now())
                    .execute();
            return load(h);
        });
    }

    @Override
    public UserProfile touch() {
        return ctx.writeFor(userId, "record user activity", h -> {
            ensure(h);
            h.createUpdate(ctx.sql(Sql.TOUCH)).bind("userId", userId).bind("now", ctx.now()).execute();
            return load(h);
        });
    }

    @Override
    public UserProfile setActiveConversation(String conversationId) {
        Check.optionalId("conversationId", conversationId);
        return ctx.writeFor(userId, "set the active conversation", h -> {
            if (conversationId != null) {
                // Locked, so the conversation cannot be deleted before this transaction commits.
                ctx.ledger.lock(h, userId, conversationId);
            }
            ensure(h);
            h.createUpdate(ctx.sql(Sql.SET_ACTIVE_CONVERSATION))
                    .bind("userId", userId)
                    .bind("conversationId", conversationId)
                    .bind("now", ctx.now())
                    .execute();
            return load(h);
        });
    }

    @Override
    public Optional<Conversation> activeConversation() {
        return ctx.readFor(userId, "read the active conversation", h -> h.createQuery(ctx.sql(Sql.BY_USER))
                .bind("userId", userId).map(mapper).findOne()
                .map(UserProfile::activeConversationId)
                .flatMap(id -> ctx.ledger.find(h, userId, id))
                .map(Rows.ConversationRow::conversation));
    }

    /**
     * Claims the email for this user unless another user has it; returns its owner. A claim another transaction
     * releases between the insert that found it and the read is claimed again (on PostgreSQL each statement sees what
     * has committed), a few times at most.
     */
    private String claim(Handle h, String email) {
        Optional<String> owner = Optional.empty();
        for (int attempt = 0; attempt < 3 && owner.isEmpty(); attempt++) {
            h.createUpdate(ctx.sql(Sql.CLAIM_EMAIL)).bind("email", email).bind("userId", userId).execute();
            owner = h.createQuery(ctx.sql(Sql.EMAIL_OWNER)).bind("email", email).mapTo(String.class).findOne();
        }
        return owner.orElseThrow(() -> new IllegalStateException("The email " + email + " was claimed and released"
                + " three times while this profile was saved"));
    }

    /** Claims the emails of the profile an import wrote for a user, in the import's transaction. */
    static void claimImportedEmails(StoreContext ctx, Handle h, String userId) {
        h.createUpdate(ctx.sql(Sql.CLAIM_IMPORTED_EMAILS)).bind("userId", userId).execute();
    }

    private void ensure(Handle h) {
        h.createUpdate(ctx.sql(Sql.ENSURE))
                .bind("userId", userId)
                .bind("emptyPreferences", EMPTY)
                .bind("now", ctx.now())
                .execute();
    }

    private UserProfile load(Handle h) {
        return h.createQuery(ctx.sql(Sql.BY_USER)).bind("userId", userId).map(mapper).one();
    }
}
