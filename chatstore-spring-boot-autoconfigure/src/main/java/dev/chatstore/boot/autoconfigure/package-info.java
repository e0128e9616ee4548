/**
 * Spring Boot auto-configuration for chatstore: a {@link dev.chatstore.ChatStore} bean from the
 * {@code chatstore.*} properties ({@link dev.chatstore.boot.autoconfigure.ChatstoreAutoConfiguration}), and with
 * Spring AI a {@code ChatMemoryRepository} on it
 * ({@link dev.chatstore.boot.autoconfigure.ChatstoreSpringAiAutoConfiguration}), and with Micrometer its meters
 * ({@link dev.chatstore.boot.autoconfigure.ChatstoreMetricsAutoConfiguration}). Applications use the beans and
 * the properties; the classes of this package other than {@link dev.chatstore.boot.autoconfigure.ChatstoreProperties}
 * and {@link dev.chatstore.boot.autoconfigure.ChatStoreBuilderCustomizer} are not meant to be called directly.
 */
package dev.chatstore.boot.autoconfigure;
