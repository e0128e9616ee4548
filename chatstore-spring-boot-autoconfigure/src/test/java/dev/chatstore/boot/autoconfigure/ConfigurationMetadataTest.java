package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an IDE and Spring Boot read from the jar: the generated configuration metadata and the auto-configuration
 * imports. When it fails, look at the annotation processor in this module's pom and at the javadoc of the fields
 * of {@link ChatstoreProperties}.
 */
class ConfigurationMetadataTest {

    @Test
    void theMetadataListsEveryPropertyWithItsDefaultAndDescription() throws IOException {
        JsonNode metadata;
        try (InputStream in = resource("META-INF/spring-configuration-metadata.json").openStream()) {
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        assertThat(properties).containsOnlyKeys("chatstore.backend", "chatstore.max-inline-attachment-size",
                "chatstore.persona-cache-ttl", "chatstore.migrate-on-open", "chatstore.slow-operation-threshold",
                "chatstore.sqlite.path",
                "chatstore.sqlite.in-memory", "chatstore.sqlite.synchronous", "chatstore.sqlite.busy-timeout",
                "chatstore.sqlite.readers", "chatstore.sqlite.reader-wait", "chatstore.sqlite.wal-size-limit",
                "chatstore.postgres.schema", "chatstore.spring-ai.user-id");
        properties.forEach((name, p) -> assertThat(p.path("description").asText())
                .as("description of %s", name).isNotBlank());
        assertThat(properties.get("chatstore.sqlite.path").path("type").asText()).isEqualTo("java.nio.file.Path");
        assertThat(properties.get("chatstore.postgres.schema").path("defaultValue").asText()).isEqualTo("chatstore");
        assertThat(properties.get("chatstore.spring-ai.user-id").path("defaultValue").asText()).isEqualTo("default");
        assertThat(properties.get("chatstore.sqlite.readers").path("defaultValue").asInt()).isEqualTo(4);
        assertThat(properties.get("chatstore.persona-cache-ttl").path("defaultValue").asText()).isEqualTo("10m");
        assertThat(properties.get("chatstore.max-inline-attachment-size").path("defaultValue").asText())
                .isEqualTo("64KB");
        assertThat(properties.get("chatstore.migrate-on-open").path("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get("chatstore.slow-operation-threshold").path("defaultValue").asText()).isEqualTo("1s");
    }

    @Test
    void theAutoConfigurationsAreRegistered() throws IOException {
        String imports;
        try (InputStream in = resource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
                .openStream()) {
            imports = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(imports.lines().map(String::strip).filter(l -> !l.isEmpty()))
                .containsExactlyInAnyOrder(ChatstoreAutoConfiguration.class.getName(),
                        ChatstoreSpringAiAutoConfiguration.class.getName(),
                        ChatstoreMetricsAutoConfiguration.class.getName());
    }

    /** The resource from the jar (or classes directory) holding the auto-configuration, not from another jar. */
    private static URL resource(String name) throws IOException {
        URL base = ChatstoreAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation();
        var urls = ConfigurationMetadataTest.class.getClassLoader().getResources(name);
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            String s = url.toString();
            if (s.startsWith(base.toString()) || s.startsWith("jar:" + base + "!")) {
                return url;
            }
        }
        throw new AssertionError(name + " is not in " + base);
    }
}
