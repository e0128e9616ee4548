package dev.chatstore.boot.autoconfigure;

import dev.chatstore.ChatStore;
import dev.chatstore.ChatStoreBuilder;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.StoreListener;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.boot.autoconfigure.ChatstoreProperties.Backend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/** Chooses the backend from the properties and opens the store. Stateless. */
final class ChatStores {
    static final String SQLITE_STORE = "dev.chatstore.sqlite.SqliteChatStore";
    static final String POSTGRES_STORE = "dev.chatstore.postgres.PostgresChatStore";

    private ChatStores() {
    }

    static ChatStore open(ClassLoader classLoader, ChatstoreProperties properties, ObjectProvider<DataSource> dataSources,
                          EncryptionKeys keys, List<StoreListener> listeners,
                          List<ChatStoreBuilderCustomizer> customizers) {
        Backend backend = choose(classLoader, properties, dataSources);
        ChatStoreBuilder<?, ?> builder = switch (backend) {
            case SQLITE -> SqliteBackend.builder(properties.getSqlite());
            case POSTGRES -> {
                DataSource dataSource = requirePostgres(dataSources);
                requireClass(classLoader, POSTGRES_STORE, "postgres", "dev.chatstore:chatstore-postgres");
                yield PostgresBackend.builder(dataSource, properties.getPostgres());
            }
        };
        long inline = properties.getMaxInlineAttachmentSize().toBytes();
        builder.maxInlineAttachmentBytes((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, inline)))
                .personaCacheTtl(properties.getPersonaCacheTtl())
                .migrateOnOpen(properties.isMigrateOnOpen())
                .slowOperationThreshold(properties.getSlowOperationThreshold());
        if (keys != null) {
            builder.encryptionKeys(keys);
        }
        listeners.forEach(builder::listener);
        customizers.forEach(c -> c.customize(builder));
        return builder.build();
    }

    /** The rule the class javadoc of {@link ChatstoreProperties} states. */
    static Backend choose(ClassLoader classLoader, ChatstoreProperties properties, ObjectProvider<DataSource> dataSources) {
        Backend backend = properties.getBackend();
        ChatstoreProperties.Sqlite sqlite = properties.getSqlite();
        boolean sqliteConfigured = sqlite.getPath() != null || sqlite.isInMemory();
        if (backend == null) {
            if (sqliteConfigured) {
                backend = Backend.SQLITE;
            } else if (dataSources.getIfUnique() != null) {
                backend = Backend.POSTGRES;
            } else {
                throw new InvalidConfigurationPropertyValueException("chatstore.backend", null,
                        "No backend is configured for the ChatStore bean. Set chatstore.sqlite.path to a SQLite"
                                + " database file (or chatstore.sqlite.in-memory=true for a store that vanishes on"
                                + " shutdown), or give the application one PostgreSQL DataSource (e.g. spring.datasource.url)"
                                + describeDataSources(dataSources) + ".");
            }
        }
        if (backend == Backend.SQLITE) {
            requireClass(classLoader, SQLITE_STORE, "sqlite", "dev.chatstore:chatstore-sqlite");
            if (!sqliteConfigured) {
                throw new InvalidConfigurationPropertyValueException("chatstore.sqlite.path", null,
                        "chatstore.backend=sqlite needs chatstore.sqlite.path (a database file) or"
                                + " chatstore.sqlite.in-memory=true.");
            }
            if (sqlite.getPath() != null && sqlite.isInMemory()) {
                throw new InvalidConfigurationPropertyValueException("chatstore.sqlite.in-memory", true,
                        "chatstore.sqlite.path and chatstore.sqlite.in-memory=true both choose a SQLite database; set one.");
            }
        }
        return backend;
    }

    private static DataSource requirePostgres(ObjectProvider<DataSource> dataSources) {
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new InvalidConfigurationPropertyValueException("chatstore.backend", "postgres",
                    "The postgres backend uses the application's DataSource, and there is none to use"
                            + describeDataSources(dataSources) + ". Configure one (e.g. spring.datasource.url with"
                            + " spring-boot-starter-jdbc) or mark one @Primary.");
        }
        String product = productName(dataSource);
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            throw new InvalidConfigurationPropertyValueException("chatstore.backend", "postgres",
                    "The application's DataSource is a " + product + " database; chatstore's postgres backend needs"
                            + " PostgreSQL. Point the DataSource at PostgreSQL, or set chatstore.sqlite.path to keep"
                            + " chats in a SQLite file.");
        }
        return dataSource;
    }

    private static String describeDataSources(ObjectProvider<DataSource> dataSources) {
        long count = dataSources.stream().count();
        return count > 1 ? " (there are " + count + " DataSource beans and none is @Primary)" : "";
    }

    private static String productName(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot connect to the application's DataSource to open the"
                    + " ChatStore: " + e.getMessage(), e);
        }
    }

    private static void requireClass(ClassLoader classLoader, String className, String backend, String artifact) {
        if (!ClassUtils.isPresent(className, classLoader)) {
            throw new InvalidConfigurationPropertyValueException("chatstore.backend",
                    backend.toLowerCase(Locale.ROOT), "The " + backend + " backend needs " + artifact
                    + " on the class path (the chatstore-spring-boot-starter brings it).");
        }
    }
}
