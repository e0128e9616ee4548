package dev.chatstore.sqlite.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.Capability;
import dev.chatstore.testkit.StoreSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The capability condition works both ways (DESIGN, "Conformance test kit"): a store that declares
 * a capability it does not have fails that capability's rules, and a store that leaves it
 * undeclared runs and passes the paired rules for a store without it, while the capability's own
 * rules are skipped with a reason naming it.
 */
class CapabilitySelfTest {

    /**
     * Rules of {@link Capability#CONCURRENT_WRITERS} in which every thread makes five calls or more, so that calls
     * of different threads overlap (the others may, by chance, see none).
     */
    private static final List<String> MANY_CALLS_PER_THREAD = List.of(
            "concurrentGetOrCreateForPersonaYieldsOneConversation",
            "concurrentAppendsGetGaplessSeqsAndAnExactCount",
            "concurrentWritersOfDifferentUsersKeepCountersExact",
            "concurrentPatchesAllSurvive",
            "concurrentMergePreferencesAllSurvive");

    @Test
    void inMemoryStoreClaimingReopenFailsEveryReopenRule() {
        List<String> reopenRules = SuiteRuns.rulesNeeding(Capability.REOPEN);
        assertThat(reopenRules).as("the kit has REOPEN rules").hasSizeGreaterThanOrEqualTo(5);
        EngineExecutionResults results = SuiteRuns.runRules(ClaimsReopen.class, both(Capability.REOPEN));
        assertThat(SuiteRuns.ruleNames(results.testEvents().failed().list()))
                .as("an in-memory store claiming REOPEN fails every REOPEN rule").containsExactlyInAnyOrderElementsOf(reopenRules);
        assertSkippedNaming(results, SuiteRuns.rulesNeedingAbsent(Capability.REOPEN), "Capability.REOPEN");
    }

    @Test
    void inMemoryStoreWithoutReopenPassesThePairedRules() {
        EngineExecutionResults results = SuiteRuns.runRules(WithoutReopen.class, both(Capability.REOPEN));
        assertPassed(results, SuiteRuns.rulesNeedingAbsent(Capability.REOPEN));
        assertSkippedNaming(results, SuiteRuns.rulesNeeding(Capability.REOPEN), "Capability.REOPEN");
    }

    @Test
    void storeClaimingConcurrentWritersItLacksFailsTheConcurrencyRules() {
        assertThat(SuiteRuns.rulesNeeding(Capability.CONCURRENT_WRITERS)).as("the rules exist")
                .containsAll(MANY_CALLS_PER_THREAD);
        EngineExecutionResults results = SuiteRuns.runRules(ClaimsConcurrentWriters.class, both(Capability.CONCURRENT_WRITERS));
        assertThat(SuiteRuns.ruleNames(results.testEvents().failed().list()))
                .as("a store refusing overlapping calls but claiming CONCURRENT_WRITERS fails").containsAll(MANY_CALLS_PER_THREAD);
        assertSkippedNaming(results, SuiteRuns.rulesNeedingAbsent(Capability.CONCURRENT_WRITERS), "Capability.CONCURRENT_WRITERS");
    }

    @Test
    void storeWithoutConcurrentWritersPassesThePairedRules() {
        EngineExecutionResults results = SuiteRuns.runRules(WithoutConcurrentWriters.class, both(Capability.CONCURRENT_WRITERS));
        assertPassed(results, SuiteRuns.rulesNeedingAbsent(Capability.CONCURRENT_WRITERS));
        assertSkippedNaming(results, SuiteRuns.rulesNeeding(Capability.CONCURRENT_WRITERS), "Capability.CONCURRENT_WRITERS");
    }

    /** The rules of {@code capability} and their paired rules for a store without it. */
    private static List<String> both(Capability capability) {
        List<String> rules = new ArrayList<>(SuiteRuns.rulesNeeding(capability));
        rules.addAll(SuiteRuns.rulesNeedingAbsent(capability));
        return rules;
    }

    private static void assertPassed(EngineExecutionResults results, List<String> rules) {
        assertThat(rules).as("the kit has paired rules for a store without the capability").isNotEmpty();
        assertThat(SuiteRuns.ruleNames(results.testEvents().started().list())).as("the paired rules ran")
                .containsExactlyInAnyOrderElementsOf(rules);
        assertThat(SuiteRuns.ruleNames(results.testEvents().succeeded().list())).as("and passed")
                .containsExactlyInAnyOrderElementsOf(rules);
    }

    private static void assertSkippedNaming(EngineExecutionResults results, List<String> rules, String capability) {
        List<Event> skipped = results.testEvents().skipped().list();
        assertThat(SuiteRuns.ruleNames(skipped)).as("skipped").containsExactlyInAnyOrderElementsOf(rules);
        assertThat(skipped).as("each skipped with a reason naming %s", capability)
                .allSatisfy(e -> assertThat(e.getPayload(String.class)).hasValueSatisfying(
                        reason -> assertThat(reason).contains(capability)));
    }

    /** An in-memory store that claims REOPEN: "reopening" gives a new, empty in-memory store. */
    static final class ClaimsReopen extends DecoratedSuite {
        ClaimsReopen() {
            super(UnaryOperator.identity(), EnumSet.allOf(Capability.class));
        }

        @Override
        protected ChatStore reopenStore(ChatStore closed, StoreSettings settings) {
            return SqliteChatStore.inMemoryBuilder()
                    .clock(settings.clock())
                    .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
                    .encryptionKeys(settings.encryptionKeys())
                    .personaCacheTtl(settings.personaCacheTtl())
                    .build();
        }
    }

    /** An in-memory store that honestly leaves REOPEN undeclared. */
    static final class WithoutReopen extends DecoratedSuite {
        WithoutReopen() {
            super(ForwardingChatStore::new);
        }
    }

    /** A store refusing overlapping calls that claims CONCURRENT_WRITERS anyway. */
    static final class ClaimsConcurrentWriters extends DecoratedSuite {
        ClaimsConcurrentWriters() {
            super(OneCallerAtATimeStore::new, EnumSet.of(Capability.CONCURRENT_WRITERS));
        }
    }

    /** A store refusing overlapping calls that honestly declares no capability. */
    static final class WithoutConcurrentWriters extends DecoratedSuite {
        WithoutConcurrentWriters() {
            super(OneCallerAtATimeStore::new, EnumSet.noneOf(Capability.class));
        }
    }
}
