package dev.chatstore.jdbc.internal;

import dev.chatstore.Attachments;
import dev.chatstore.Conversations;
import dev.chatstore.Embeddings;
import dev.chatstore.ExportSummary;
import dev.chatstore.MemoryFacts;
import dev.chatstore.Messages;
import dev.chatstore.Profile;
import dev.chatstore.ProviderConfigs;
import dev.chatstore.Search;
import dev.chatstore.SearchCache;
import dev.chatstore.Settings;
import dev.chatstore.UsageReport;
import dev.chatstore.UserChats;
import java.io.OutputStream;
import java.time.Instant;

/** The per-user view: every repository bound to one user id. Thread-safe. */
public final class JdbcUserChats implements UserChats {
    private final String userId;
    private final Conversations conversations;
    private final Messages messages;
    private final Attachments attachments;
    private final MemoryFacts facts;
    private final JdbcProfile profile;
    private final Settings settings;
    private final ProviderConfigs providers;
    private final SearchCache searchCache;
    private final Search search;
    private final Embeddings embeddings;
    private final JdbcUsage usage;
    private final UserData data;

    private final StoreContext ctx;

    public JdbcUserChats(StoreContext ctx, JdbcPersonas personas, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.usage = new JdbcUsage(ctx, userId);
        this.conversations = new JdbcConversations(ctx, personas, userId, usage);
        this.messages = new JdbcMessages(ctx, userId);
        this.attachments = new JdbcAttachments(ctx, userId);
        this.facts = new JdbcMemoryFacts(ctx, userId);
        this.profile = new JdbcProfile(ctx, userId);
        this.settings = new JdbcSettings(ctx, userId);
        this.providers = new JdbcProviderConfigs(ctx, userId);
        this.searchCache = new JdbcSearchCache(ctx, userId);
        this.search = new JdbcSearch(ctx, userId);
        this.embeddings = new JdbcEmbeddings(ctx, userId);
        this.data = new UserData(ctx, userId);
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public String consistencyToken() {
        ctx.ensureOpen();
        return ctx.db.consistencyToken(userId);
    }

    @Override
    public Conversations conversations() {
        return conversations;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public Attachments attachments() {
        return attachments;
    }

    @Override
    public MemoryFacts facts() {
        return facts;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public ProviderConfigs providers() {
        return providers;
    }

    @Override
    public SearchCache searchCache() {
        return searchCache;
    }

    @Override
    public Search search() {
        return search;
    }

    @Override
    public Embeddings embeddings() {
        return embeddings;
    }

    @Override
    public UsageReport usage(Instant from, Instant to) {
        return usage.report(from, to);
    }

    @Override
    public ExportSummary exportTo(OutputStream out) {
        return data.exportTo(out);
    }

    @Override
    public void erase() {
        data.erase();
    }
}
