package dev.chatstore.boot.autoconfigure;

import dev.chatstore.ChatStore;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.StoreListener;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link ChatStore} bean on SQLite or PostgreSQL, chosen and configured by {@link ChatstoreProperties}, and
 * closed when the application context closes. Backs off when the application defines its own ChatStore.
 *
 * <p>Runs after Spring Boot's DataSource auto-configuration (named for Boot 3 and Boot 4, where it moved), so
 * the application's DataSource is there to choose and use.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(ChatStore.class)
@EnableConfigurationProperties(ChatstoreProperties.class)
public class ChatstoreAutoConfiguration implements BeanClassLoaderAware {
    private ClassLoader classLoader = ChatstoreAutoConfiguration.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The store, opened (and migrated, unless {@code chatstore.migrate-on-open=false}) at start, with every
     * {@link StoreListener} bean as a listener (in {@link org.springframework.core.annotation.Order} order), such as
     * the {@code ChatStoreMetrics} of {@link ChatstoreMetricsAutoConfiguration}.
     *
     * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
     *         when the properties choose no backend, or one that cannot be opened (a missing module, a DataSource
     *         that is not PostgreSQL); Spring Boot's failure analysis prints the property and the reason
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ChatStore.class)
    public ChatStore chatStore(ChatstoreProperties properties, ObjectProvider<DataSource> dataSources,
                               ObjectProvider<EncryptionKeys> encryptionKeys,
                               ObjectProvider<StoreListener> listeners,
                               ObjectProvider<ChatStoreBuilderCustomizer> customizers) {
        return ChatStores.open(classLoader, properties, dataSources, encryptionKeys.getIfUnique(),
                listeners.orderedStream().toList(), customizers.orderedStream().toList());
    }
}
