/**
 * The chatstore conformance suite. An implementation of {@link dev.chatstore.ChatStore} proves it
 * behaves like every other by subclassing {@link dev.chatstore.testkit.ChatStoreConformance} and
 * supplying a fresh store; optional behaviour is declared as {@link dev.chatstore.testkit.Capability
 * capabilities}, and the tests of a capability the implementation lacks are skipped with a reason.
 *
 * <p>Every rule lives in a small interface ({@code …Rules}) of JUnit 5 default test methods. A
 * test's name states the rule; its javadoc says where to look when it fails; its assertion messages
 * state the expectation.
 */
package dev.chatstore.testkit;
