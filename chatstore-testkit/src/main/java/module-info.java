/** chatstore's conformance suite: {@link dev.chatstore.testkit.ChatStoreConformance}. */
module dev.chatstore.testkit {
    // The suite is a JUnit 5 test class over the API, and its fixture hands out AssertJ types.
    requires transitive dev.chatstore;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    // Concurrently dumps the threads of a run that hangs.
    requires java.management;

    exports dev.chatstore.testkit;

    // JUnit calls the suite's protected lifecycle methods reflectively.
    opens dev.chatstore.testkit to org.junit.platform.commons;
}
