/**
 * The chatstore conformance suite. An implementation of {@link dev.chatstore.ChatStore} proves it
 * behaves like every other by subclassing {@link dev.chatstore.testkit.ChatStoreConformance} and
 * supplying a fresh store; optional behaviour is declared as {@link dev.chatstore.testkit.Capability
 * capabilities}. A rule needing a capability says so with {@link dev.chatstore.testkit.Requires};
 * it is skipped with a reason naming the capability when the implementation lacks it, and its
 * paired rule, {@code @Requires(absent = …)}, checks what a store without it must still do.
 *
 * <p>Every rule lives in an interface of JUnit 5 default test methods, one per area of the API
 * ({@code ConversationRules}, {@code MessageRules}, {@code PagingRules} …, and
 * {@code HostileInputRules} for the hostile input catalogue over every operation). A test's name
 * states the rule; its javadoc says where to look when it fails; its assertion messages state the
 * expectation.
 */
package dev.chatstore.testkit;
