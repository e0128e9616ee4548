package dev.chatstore.boot.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.postgresql.util.DriverInfo;
import org.slf4j.Logger;

/**
 * The libraries on this test class path are the versions Spring Boot's BOM (the {@code spring-boot-dependencies}
 * pom the build copies to {@code target/}, named by the system property {@code chatstore.boot.bom}) pins, so the
 * conformance suites beside this test check what a Boot application runs. When it fails, the module's pom
 * overrides a version property with something other than Boot's: set it to the version this test names.
 */
class BootPickedVersionsTest {

    @Test
    void sqliteJdbcIsBootsVersion() throws Exception {
        assertThat(jarVersion(org.sqlite.JDBC.class)).isEqualTo(bom("sqlite-jdbc.version"));
    }

    @Test
    void pgjdbcIsBootsVersion() throws Exception {
        // Read at run time: the constant would be inlined from the version this test was compiled against.
        assertThat(DriverInfo.class.getField("DRIVER_VERSION").get(null)).isEqualTo(bom("postgresql.version"));
    }

    @Test
    void jacksonIsBootsVersion() throws Exception {
        String boot = bomProperty("jackson-2-bom.version");
        assertThat(PackageVersion.VERSION.toString()).isEqualTo(boot != null ? boot : bom("jackson-bom.version"));
    }

    @Test
    void caffeineIsBootsVersion() throws Exception {
        assertThat(jarVersion(Caffeine.class)).isEqualTo(bom("caffeine.version"));
    }

    @Test
    void slf4jIsBootsVersion() throws Exception {
        assertThat(jarVersion(Logger.class)).isEqualTo(bom("slf4j.version"));
    }

    @Test
    void micrometerIsBootsVersion() throws Exception {
        assertThat(jarVersion(io.micrometer.core.instrument.MeterRegistry.class)).isEqualTo(bom("micrometer.version"));
    }

    private static String bom(String property) throws IOException {
        String value = bomProperty(property);
        assertThat(value).as("property %s of Boot's BOM", property).isNotNull();
        return value;
    }

    private static String bomProperty(String property) throws IOException {
        String bom = System.getProperty("chatstore.boot.bom");
        assertThat(bom).as("system property chatstore.boot.bom (set by the module's surefire configuration)")
                .isNotBlank();
        String pom = Files.readString(Path.of(bom));
        Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
        return m.find() ? m.group(1).strip() : null;
    }

    /** The version in the jar holding {@code type}: its Maven pom.properties, else its manifest. */
    private static String jarVersion(Class<?> type) throws IOException, URISyntaxException {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = file.getInputStream(e)) {
                        p.load(in);
                    }
                    return p.getProperty("version");
                }
            }
            Manifest manifest = file.getManifest();
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            return version != null ? version : manifest.getMainAttributes().getValue("Implementation-Version");
        }
    }
}
