package dev.chatstore.sqlite.selftest;

import dev.chatstore.Attachments;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversations;
import dev.chatstore.Embeddings;
import dev.chatstore.ExportSummary;
import dev.chatstore.MemoryFacts;
import dev.chatstore.Messages;
import dev.chatstore.Personas;
import dev.chatstore.Profile;
import dev.chatstore.ProviderConfigs;
import dev.chatstore.SearchCache;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.UsageReport;
import dev.chatstore.UserChats;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * A store that passes every call to a real one; a broken store overrides {@link #view} to swap in
 * a misbehaving part. Unchanged, it must pass the whole suite (the self-test checks that too).
 */
class ForwardingChatStore implements ChatStore {
    protected final ChatStore delegate;

    ForwardingChatStore(ChatStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public UserChats forUser(String userId) {
        return view(delegate.forUser(userId));
    }

    /** The view the caller gets for one user; override to break a part of it. */
    protected UserChats view(UserChats real) {
        return real;
    }

    @Override
    public Personas personas() {
        return delegate.personas();
    }

    @Override
    public Settings settings() {
        return delegate.settings();
    }

    @Override
    public StoreAdmin admin() {
        return delegate.admin();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /**
     * A user view with some parts replaced; every other part, and export, erase and usage, go to
     * the real view.
     */
    record View(UserChats real, Conversations conversations, Messages messages, Profile profile, Embeddings embeddings)
            implements UserChats {
        static View of(UserChats real) {
            return new View(real, real.conversations(), real.messages(), real.profile(), real.embeddings());
        }

        View withConversations(Conversations replacement) {
            return new View(real, replacement, messages, profile, embeddings);
        }

        View withMessages(Messages replacement) {
            return new View(real, conversations, replacement, profile, embeddings);
        }

        View withProfile(Profile replacement) {
            return new View(real, conversations, messages, replacement, embeddings);
        }

        View withEmbeddings(Embeddings replacement) {
            return new View(real, conversations, messages, profile, replacement);
        }

        @Override
        public String userId() {
            return real.userId();
        }

        @Override
        public Attachments attachments() {
            return real.attachments();
        }

        @Override
        public dev.chatstore.Search search() {
            return real.search();
        }

        @Override
        public MemoryFacts facts() {
            return real.facts();
        }

        @Override
        public Settings settings() {
            return real.settings();
        }

        @Override
        public ProviderConfigs providers() {
            return real.providers();
        }

        @Override
        public SearchCache searchCache() {
            return real.searchCache();
        }

        @Override
        public UsageReport usage(Instant from, Instant to) {
            return real.usage(from, to);
        }

        @Override
        public ExportSummary exportTo(OutputStream out) {
            return real.exportTo(out);
        }

        @Override
        public void erase() {
            real.erase();
        }
    }
}
