package dev.chatstore.sqlite.selftest;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables a broken-store suite only inside {@link BrokenStoreSelfTest}'s own engine run, which sets
 * the JUnit configuration parameter {@value #PARAMETER}. Anywhere else — an IDE running the whole
 * package, a build that discovers nested classes — the suite is reported as disabled, never failed.
 */
final class OnlyInSelfTest implements ExecutionCondition {
    static final String PARAMETER = "chatstore.selftest.brokenStores";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("run by BrokenStoreSelfTest")
                : ConditionEvaluationResult.disabled("a deliberately broken store; only BrokenStoreSelfTest runs it");
    }
}
