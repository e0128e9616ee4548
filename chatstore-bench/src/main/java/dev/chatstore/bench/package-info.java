/**
 * JMH benchmarks of chatstore against the physical limit (raw JDBC on the same SQLite schema) and
 * against the chat memories Java developers would otherwise use (Spring AI, LangChain4j), plus
 * {@link dev.chatstore.bench.BenchSuite}, which runs them side by side in alternating rounds and
 * writes {@code bench-summary.json}. Not API; nothing here is shipped.
 */
package dev.chatstore.bench;
