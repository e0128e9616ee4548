package dev.chatstore.testkit;

import dev.chatstore.ChatStore;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chatstore conformance suite. Subclass it in your test sources, supply a fresh store in
 * {@link #openStore}, declare what your implementation supports in {@link #capabilities()}, and run
 * it with JUnit 5:
 *
 * <pre>{@code
 * class MyStoreConformanceTest extends ChatStoreConformance {
 *     protected ChatStore openStore(StoreSettings settings) {
 *         return MyStore.builder().clock(settings.clock())
 *                 .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
 *                 .encryptionKeys(settings.encryptionKeys())
 *                 .personaCacheTtl(settings.personaCacheTtl()).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Before each test the kit opens a fresh, empty store with a frozen {@link TestClock}; after it,
 * the kit closes the store. The rules themselves are the default methods of the interfaces this
 * class implements; each interface checks one area of the API. A rule that needs a
 * {@link Capability} (or its absence) says so with {@link Requires}; the kit skips it, naming the
 * capability, when the implementation's {@link #capabilities()} do not fit, and runs its paired
 * rule instead.
 *
 * <p>The fixture methods ({@link #store()}, {@link #clock()} …) are final and public because the
 * rule interfaces call them; a subclass must not define methods with the same signatures. JUnit
 * creates one instance per test; an instance is not meant to be shared between threads, though
 * the concurrency rules call the store it holds from many.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(CapabilityCondition.class)
public abstract class ChatStoreConformance implements
        StoreRules,
        ConversationRules,
        ConversationMetadataRules,
        RevisionRules,
        SearchRules,
        HybridSearchRules,
        ConversationListRules,
        ConversationFilterRules,
        SidebarRules,
        MessageRules,
        MessageContentRules,
        PromptWindowRules,
        MessageOrderRules,
        PagingRules,
        IdempotencyRules,
        BranchRules,
        FeedbackRules,
        AttachmentRules,
        AttachmentLifecycleRules,
        MemoryFactRules,
        PersonaRules,
        ProfileRules,
        SettingsRules,
        ProviderConfigRules,
        SearchCacheRules,
        RetentionRules,
        UsageRules,
        EmbeddingRules,
        EmbeddingFreshnessRules,
        ApproximateSearchRules,
        EraseAndExportRules,
        StoreTransferRules,
        OperationsRules,
        TenantIsolationRules,
        HostileInputRules,
        ConcurrencyRules,
        DurabilityRules {

    private TestClock clock;
    private StoreSettings settings;
    private ChatStore store;

    /**
     * Opens a fresh, empty store using the given settings: its clock for every timestamp, its inline
     * attachment limit. Called before each test (and again when a test restarts the store); the kit
     * closes it after.
     */
    protected abstract ChatStore openStore(StoreSettings settings);

    /** For subclasses: the suite is run by JUnit, one instance per rule. */
    protected ChatStoreConformance() {
    }

    /**
     * Reopens a store over the same data as {@code closed}, which the kit has already closed. Only
     * called when {@link #capabilities()} contains {@link Capability#REOPEN}.
     */
    protected ChatStore reopenStore(ChatStore closed, StoreSettings settings) {
        throw new UnsupportedOperationException(getClass().getName()
                + " declares Capability.REOPEN but does not override reopenStore(ChatStore, StoreSettings)");
    }

    /**
     * What this implementation supports. Rules of a capability not listed are skipped with a reason,
     * and the paired rules for a store without it run instead. Default: all of them.
     */
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @BeforeEach
    protected final void openFreshStore() {
        clock = new TestClock(TestClock.START);
        settings = StoreSettings.defaults().withClock(clock);
        store = Objects.requireNonNull(openStore(settings), "openStore(StoreSettings) returned null");
    }

    @AfterEach
    protected final void closeStoreUnderTest() {
        ChatStore open = store;
        store = null;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public final ChatStore store() {
        if (store == null) {
            throw new IllegalStateException("No store is open (the previous open or reopen failed)");
        }
        return store;
    }

    @Override
    public final TestClock clock() {
        return clock;
    }

    @Override
    public final StoreSettings settings() {
        return settings;
    }

    @Override
    public final boolean supports(Capability capability) {
        Set<Capability> declared = capabilities();
        return declared != null && declared.contains(capability);
    }

    @Override
    public final void reopen() {
        checkDeclared(Capability.REOPEN, "reopen()");
        ChatStore closed = store();
        store = null;
        closed.close();
        store = Objects.requireNonNull(reopenStore(closed, settings), "reopenStore returned null");
    }

    @Override
    public final void reopen(StoreSettings newSettings) {
        Objects.requireNonNull(newSettings, "newSettings");
        checkDeclared(Capability.REOPEN, "reopen(StoreSettings)");
        ChatStore closed = store();
        store = null;
        closed.close();
        settings = newSettings;
        store = Objects.requireNonNull(reopenStore(closed, newSettings), "reopenStore returned null");
    }

    @Override
    public final void restart(StoreSettings newSettings) {
        Objects.requireNonNull(newSettings, "newSettings");
        ChatStore old = store();
        store = null;
        old.close();
        settings = newSettings;
        store = Objects.requireNonNull(openStore(newSettings), "openStore(StoreSettings) returned null");
    }

    /** Fails loudly when a rule uses a capability without declaring it with {@link Requires}. */
    private void checkDeclared(Capability capability, String call) {
        if (!supports(capability)) {
            throw new IllegalStateException(call + " needs Capability." + capability.name() + ", which "
                    + getClass().getName() + " does not declare; the calling rule must be annotated"
                    + " @Requires(Capability." + capability.name() + ")");
        }
    }
}
