package dev.chatstore.reliability;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.StoreSettings;
import java.time.Clock;

/**
 * The backends every reliability check runs on: a private in-memory SQLite database, and
 * PostgreSQL (embedded, or the server {@code CHATSTORE_PG_URL} names) in a fresh schema.
 */
enum Backend {
    SQLITE {
        @Override
        ChatStore open(Clock clock) {
            return SqliteChatStore.inMemoryBuilder()
                    .clock(clock)
                    .maxInlineAttachmentBytes(MAX_INLINE_BYTES)
                    .encryptionKeys(StoreSettings.DEFAULT_KEYS)
                    .build();
        }
    },
    POSTGRES {
        @Override
        ChatStore open(Clock clock) {
            return PostgresChatStore.builder(TestPostgres.dataSource())
                    .schema(TestPostgres.freshSchema())
                    .clock(clock)
                    .maxInlineAttachmentBytes(MAX_INLINE_BYTES)
                    .encryptionKeys(StoreSettings.DEFAULT_KEYS)
                    .build();
        }
    };

    /** The inline attachment limit of every store these tests open. */
    static final int MAX_INLINE_BYTES = StoreSettings.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;

    /** A fresh, empty store reading time from {@code clock}, with the kit's encryption key. */
    abstract ChatStore open(Clock clock);
}
