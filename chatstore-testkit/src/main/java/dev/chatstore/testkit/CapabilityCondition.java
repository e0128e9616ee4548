package dev.chatstore.testkit;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a rule annotated {@link Requires} only when the store under test declares what the rule
 * needs and none of what it needs absent; otherwise disables it with a reason naming the
 * capability. Reads {@link ChatStoreConformance#capabilities()} of the test instance, which JUnit
 * creates before it evaluates the conditions of a test method. Registered on
 * {@link ChatStoreConformance}. Stateless. Not API.
 */
final class CapabilityCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Optional<Requires> requires = method.flatMap(m -> AnnotationSupport.findAnnotation(m, Requires.class));
        if (requires.isEmpty()) {
            return ConditionEvaluationResult.enabled("the rule needs no capability");
        }
        ChatStoreConformance suite = context.getTestInstance()
                .filter(ChatStoreConformance.class::isInstance)
                .map(ChatStoreConformance.class::cast)
                .orElseThrow(() -> new ExtensionConfigurationException("@Requires on " + method.get()
                        + " needs the ChatStoreConformance instance the rule runs on, and JUnit provided none"));
        String suiteName = suite.getClass().getSimpleName();
        for (Capability needed : requires.get().value()) {
            if (!suite.supports(needed)) {
                return ConditionEvaluationResult.disabled("the rule needs " + describe(needed) + ", which "
                        + suiteName + " does not declare");
            }
        }
        for (Capability unwanted : requires.get().absent()) {
            if (suite.supports(unwanted)) {
                return ConditionEvaluationResult.disabled("the rule checks a store without " + describe(unwanted)
                        + ", and " + suiteName + " declares it");
            }
        }
        return ConditionEvaluationResult.enabled(suiteName + " declares the capabilities the rule needs");
    }

    private static String describe(Capability capability) {
        return "Capability." + capability.name() + " (" + capability.meaning() + ")";
    }
}
