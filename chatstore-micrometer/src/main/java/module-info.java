/** Micrometer meters for a chatstore store: {@link dev.chatstore.micrometer.ChatStoreMetrics}. */
// "requires-automatic", "requires-transitive-automatic": micrometer-core has no module-info; its
// Automatic-Module-Name is the name it publishes, and its MeterBinder is this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.chatstore.micrometer {
    requires transitive dev.chatstore;
    requires transitive micrometer.core;

    exports dev.chatstore.micrometer;
}
