package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.Capability;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.StoreSettings;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conformance suite over a private in-memory SQLite store wrapped by a decorator, declaring the
 * capabilities it is given. Only the self tests run such suites ({@link OnlyInSelfTest}).
 */
@Tag("broken-store")
@ExtendWith(OnlyInSelfTest.class)
abstract class DecoratedSuite extends ChatStoreConformance {
    private final UnaryOperator<ChatStore> decorator;
    private final Set<Capability> declared;

    /** A suite declaring {@link Capability#CONCURRENT_WRITERS} only, as an in-memory store honestly does. */
    DecoratedSuite(UnaryOperator<ChatStore> decorator) {
        this(decorator, EnumSet.of(Capability.CONCURRENT_WRITERS));
    }

    DecoratedSuite(UnaryOperator<ChatStore> decorator, Set<Capability> declared) {
        this.decorator = decorator;
        this.declared = declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared);
    }

    @Override
    protected ChatStore openStore(StoreSettings settings) {
        return decorator.apply(SqliteChatStore.inMemoryBuilder()
                .clock(settings.clock())
                .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
                .encryptionKeys(settings.encryptionKeys())
                .personaCacheTtl(settings.personaCacheTtl())
                .build());
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.copyOf(declared);
    }
}
