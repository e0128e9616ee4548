package dev.chatstore.sqlite.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.testkit.ChatStoreConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The kit tests itself (DESIGN, "Conformance test kit"): each deliberately broken store must fail
 * the rules that describe what it breaks, while a faithful pass-through over the same real store
 * passes those very rules — so the failures come from the breakage, not from the plumbing. The
 * hostile input catalogue runs only for the store whose breakage it is meant to catch.
 *
 * <p>The conformance suites over the broken stores are the static nested classes below. They must
 * not run in the normal build: surefire never selects them (its default excludes skip nested
 * {@code *$*} classes, and their names do not end in {@code Test}), and should anything else
 * discover them, {@link OnlyInSelfTest} disables them unless the configuration parameter this
 * class sets in its own {@link EngineTestKit} run is present.
 */
class BrokenStoreSelfTest {

    /** Rules an idempotency-blind store must fail (IdempotencyRules, ConcurrencyRules). */
    private static final List<String> IDEMPOTENCY_RULES = List.of(
            "appendWithSameClientMessageIdAndPayloadReturnsOriginalAsReplay",
            "replayWithAFullPayloadIsAReplay",
            "replayWithDifferentContentIsAConflictAndStoresNothing",
            "replaysInsideOneAppendAllBatchStoreOnce",
            "appendAllWithAConflictingReplayStoresNothing",
            "byClientMessageIdFindsTheMessageInItsConversationOnly",
            "concurrentReplaysOfOneClientMessageIdStoreOneMessage");

    /** Rules a store leaking rows across users must fail (TenantIsolationRules). */
    private static final List<String> ISOLATION_RULES = List.of(
            "otherUserCannotSeeConversations",
            "otherUserCannotReadMessages",
            "userIdsAreComparedExactly",
            "otherUserCannotSeeOrChangeTheProfile");

    /** Rules a store ordering by timestamp must fail (MessageOrderRules). */
    private static final List<String> ORDERING_RULES = List.of(
            "sameMillisecondAppendsListInAppendOrder",
            "newestFirstUnderAFrozenClockIsDescendingSeqAcrossPages",
            "afterUnderAFrozenClockFollowsSeq",
            "appendAllUnderAFrozenClockKeepsBatchOrder",
            "aClockGoingBackwardsDoesNotReorderMessages");

    /** Rules a store whose persona cache is never invalidated must fail (PersonaRules). */
    private static final List<String> PERSONA_CACHE_RULES = List.of(
            "upsertIsVisibleToGetAndListAtOnce",
            "statusChangesTakeEffectAtOnceForNewConversations");

    /** Rules a store merging by shallow read-modify-write must fail (ConversationMetadataRules, ProfileRules). */
    private static final List<String> MERGE_RULES = List.of(
            "patchFollowsTheRfc7386Example",
            "patchReplacesAcrossValueKinds",
            "patchRoundTripsEveryJsonValueKindExactly",
            "mergePreferencesIsAJsonMergePatch");

    /** Rules a store without branches must fail (BranchRules). */
    private static final List<String> BRANCH_RULES = List.of(
            "regenerateAppendsASiblingThatBecomesTheTip",
            "editIntoBranchStartsANewBranchAndKeepsTheOriginal",
            "selectBranchChoosesWhereReadingAndAppendingContinue",
            "branchAndPathArePagedNewestFirstWithNextCursorsOnly");

    /** Rules a store whose batches are not atomic must fail (MessageRules, IdempotencyRules, HostileInputRules). */
    private static final List<String> BATCH_RULES = List.of(
            "appendAllWithAReplyToFromAnotherConversationStoresNothing",
            "appendAllWithAnAttachmentOfAnotherUserStoresNothing",
            "appendAllWithAConflictingReplayStoresNothing",
            SuiteRuns.CATALOGUE);

    /** Rules a store returning the hits of an earlier, equal vector search must fail (EmbeddingFreshnessRules …). */
    private static final List<String> VECTOR_FRESHNESS_RULES = List.of(
            "aSearchAfterEveryDeletePathNeverReturnsTheDeletedVectors",
            "aSearchAfterEraseAndTheSameNumberOfWritesSeesTheNewVectors",
            "aSearchAfterPutsArchivingAndLinkingSeesThem",
            "anApproximateSearchSeesEveryWriteAfterTheIndexWasBuilt");

    @Test
    void storeIgnoringClientMessageIdFailsTheIdempotencyRules() {
        assertFailsRules(IgnoresClientMessageId.class, IDEMPOTENCY_RULES);
    }

    @Test
    void storeLeakingAcrossUsersFailsTheTenantIsolationRules() {
        assertFailsRules(LeaksAcrossUsers.class, ISOLATION_RULES);
    }

    @Test
    void storeOrderingByTimestampFailsTheOrderingRules() {
        assertFailsRules(OrdersByTimestamp.class, ORDERING_RULES);
    }

    @Test
    void storeWithAStalePersonaCacheFailsThePersonaCacheRules() {
        assertFailsRules(StalePersonaCache.class, PERSONA_CACHE_RULES);
    }

    @Test
    void storeMergingShallowlyFailsTheMergePatchRules() {
        assertFailsRules(ShallowMerge.class, MERGE_RULES);
    }

    @Test
    void storeIgnoringBranchesFailsTheBranchRules() {
        assertFailsRules(IgnoresBranches.class, BRANCH_RULES);
    }

    @Test
    void storeReturningStaleVectorHitsFailsTheFreshnessRules() {
        assertFailsRules(StaleVectorSearch.class, VECTOR_FRESHNESS_RULES);
    }

    @Test
    void storeWithNonAtomicBatchesFailsTheBatchRulesAndTheHostileInputCatalogue() {
        EngineExecutionResults results = SuiteRuns.runRules(NonAtomicBatch.class, BATCH_RULES);
        assertFails(NonAtomicBatch.class, results, BATCH_RULES);
        assertThat(results.testEvents().failed().list()).as("hostile inputs to appendAll the catalogue catches")
                .anySatisfy(e -> assertThat(e.getTestDescriptor().getDisplayName()).contains("a null element"))
                .anySatisfy(e -> assertThat(e.getTestDescriptor().getDisplayName()).contains("a reply to an unknown message last"));
    }

    @Test
    void faithfulPassThroughPassesEveryRuleTheBrokenStoresFail() {
        List<String> rules = new ArrayList<>(IDEMPOTENCY_RULES);
        rules.addAll(ISOLATION_RULES);
        rules.addAll(ORDERING_RULES);
        rules.addAll(PERSONA_CACHE_RULES);
        rules.addAll(MERGE_RULES);
        rules.addAll(BRANCH_RULES);
        rules.addAll(BATCH_RULES);
        rules.addAll(VECTOR_FRESHNESS_RULES);
        EngineExecutionResults results = SuiteRuns.runRules(Faithful.class, rules);
        assertThat(SuiteRuns.ruleNames(results.testEvents().started().list())).as("every named rule exists and ran")
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(rules));
        assertThat(SuiteRuns.ruleNames(results.testEvents().failed().list())).as("rules failed by the faithful pass-through")
                .isEmpty();
    }

    /**
     * Runs the named rules over the broken store (only those: the whole suite over each broken store took
     * minutes of every build and proved no more) and checks that each of them fails.
     */
    private static void assertFailsRules(Class<? extends ChatStoreConformance> suite, List<String> rules) {
        assertFails(suite, SuiteRuns.runRules(suite, rules), rules);
    }

    private static void assertFails(Class<? extends ChatStoreConformance> suite, EngineExecutionResults results,
                                    List<String> rules) {
        assertThat(SuiteRuns.ruleNames(results.testEvents().started().list()))
                .as("the named rules ran over %s", suite.getSimpleName()).containsAll(rules);
        Set<String> failed = SuiteRuns.ruleNames(results.testEvents().failed().list());
        assertThat(failed).as("rules %s must fail", suite.getSimpleName()).containsAll(rules);
    }

    static final class NonAtomicBatch extends DecoratedSuite {
        NonAtomicBatch() {
            super(NonAtomicBatchStore::new);
        }
    }

    static final class Faithful extends DecoratedSuite {
        Faithful() {
            super(ForwardingChatStore::new);
        }
    }

    static final class IgnoresClientMessageId extends DecoratedSuite {
        IgnoresClientMessageId() {
            super(IgnoresClientMessageIdStore::new);
        }
    }

    static final class LeaksAcrossUsers extends DecoratedSuite {
        LeaksAcrossUsers() {
            super(LeaksAcrossUsersStore::new);
        }
    }

    static final class OrdersByTimestamp extends DecoratedSuite {
        OrdersByTimestamp() {
            super(OrdersByTimestampStore::new);
        }
    }

    static final class StalePersonaCache extends DecoratedSuite {
        StalePersonaCache() {
            super(StalePersonaCacheStore::new);
        }
    }

    static final class ShallowMerge extends DecoratedSuite {
        ShallowMerge() {
            super(ShallowMergeStore::new);
        }
    }

    static final class StaleVectorSearch extends DecoratedSuite {
        StaleVectorSearch() {
            super(StaleVectorSearchStore::new);
        }
    }

    static final class IgnoresBranches extends DecoratedSuite {
        IgnoresBranches() {
            super(IgnoresBranchesStore::new);
        }
    }
}
