package dev.chatstore.demo;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a README snippet that is a JUnit test class, in the snippet's own JVM: every test of the
 * class through the JUnit Platform Launcher. Exits with 1 if a test or container failed or if no
 * test succeeded (a class without tests is not something the README can claim runs). Exits with 0 otherwise,
 * without waiting for threads a store under test may have left behind.
 */
public final class SnippetLauncher {
    private SnippetLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: SnippetLauncher <test class name>");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(args[0]))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener skipped = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                out.println("skipped: " + test.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    err.println("failed: " + test.getDisplayName());
                }
            }
        };
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, skipped);

        TestExecutionSummary result = summary.getSummary();
        result.printTo(out);
        if (result.getTotalFailureCount() > 0) {
            result.printFailuresTo(err, 40);
            System.exit(1);
        }
        if (result.getTestsSucceededCount() == 0) {
            err.println("No test of " + args[0] + " succeeded (" + result.getTestsFoundCount()
                    + " found): a class snippet is run as a JUnit test class and must have tests that pass.");
            System.exit(1);
        }
        System.exit(0);
    }
}
