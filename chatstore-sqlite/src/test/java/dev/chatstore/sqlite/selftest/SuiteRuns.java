package dev.chatstore.sqlite.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.chatstore.testkit.Capability;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.Requires;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs conformance suites over deliberately broken stores inside a self test, and reads the results. */
final class SuiteRuns {
    /** The rule that runs the hostile input catalogue. */
    static final String CATALOGUE = "hostileInputIsRejectedAndChangesNothing";

    private SuiteRuns() {
    }

    /** Runs what {@code selectors} select, with the parameter that lets {@link OnlyInSelfTest} suites run. */
    static EngineExecutionResults run(DiscoverySelector... selectors) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyInSelfTest.PARAMETER, "true")
                .selectors(selectors)
                .execute();
    }

    /** Runs the named rules of {@code suite}. */
    static EngineExecutionResults runRules(Class<? extends ChatStoreConformance> suite, List<String> rules) {
        return run(rules.stream().map(rule -> selectMethod(suite, rule)).toArray(DiscoverySelector[]::new));
    }

    /** The rule (method) names of the tests the events are about. */
    static Set<String> ruleNames(List<Event> events) {
        Set<String> names = new TreeSet<>();
        for (Event e : events) {
            TestDescriptor d = e.getTestDescriptor();
            names.add(d.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(MethodSource::getMethodName).orElse(d.getDisplayName()));
        }
        return names;
    }

    /** The rules annotated {@code @Requires(capability)}. */
    static List<String> rulesNeeding(Capability capability) {
        return rulesWhere(r -> r.value(), capability);
    }

    /** The rules annotated {@code @Requires(absent = capability)}. */
    static List<String> rulesNeedingAbsent(Capability capability) {
        return rulesWhere(r -> r.absent(), capability);
    }

    private static List<String> rulesWhere(Function<Requires, Capability[]> side, Capability capability) {
        return Arrays.stream(ChatStoreConformance.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Requires.class))
                .filter(m -> Arrays.asList(side.apply(m.getAnnotation(Requires.class))).contains(capability))
                .map(Method::getName).sorted().toList();
    }
}
