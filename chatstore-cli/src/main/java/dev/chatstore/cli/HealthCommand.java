package dev.chatstore.cli;

import dev.chatstore.ChatStore;
import dev.chatstore.PoolStats;
import dev.chatstore.StoreHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** The store's health as a health endpoint shows it. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Shows whether the database answers, how fast, and whether its schema is current.",
                "Exit code 0 when healthy, 3 when unreachable, 1 otherwise."})
final class HealthCommand extends SingleStoreCommand {
    @Override
    int run(ChatStore store) {
        StoreHealth health = store.admin().health();
        PoolStats pool = health.pool();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("healthy", health.healthy());
        json.put("reachable", health.reachable());
        json.put("roundTripMillis", health.roundTrip().toNanos() / 1e6);
        json.put("schemaVersion", health.schemaVersion());
        json.put("latestSchemaVersion", health.latestSchemaVersion());
        json.put("schemaCurrent", health.schemaCurrent());
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("active", pool.active());
        connections.put("idle", pool.idle());
        connections.put("waiting", pool.waiting());
        connections.put("max", pool.max());
        connections.put("writerBusy", pool.writerBusy());
        json.put("pool", connections);
        json.put("walBytes", health.walBytes());
        json.put("problem", health.problem());

        StringBuilder text = new StringBuilder(health.healthy() ? "Healthy" : "NOT HEALTHY");
        text.append(String.format(java.util.Locale.ROOT, "%n  reachable: %s (round trip %.1f ms)", health.reachable(),
                health.roundTrip().toNanos() / 1e6));
        text.append("\n  schema: version ").append(health.schemaVersion()).append(" of ").append(health.latestSchemaVersion())
                .append(health.schemaCurrent() ? " (current)" : " (not current)");
        if (pool.max() >= 0) {
            text.append("\n  connections: ").append(pool.active()).append(" active, ").append(pool.idle()).append(" idle, ")
                    .append(pool.waiting()).append(" waiting, at most ").append(pool.max());
        }
        if (health.walBytes() >= 0) {
            text.append("\n  write-ahead log: ").append(Progress.size(health.walBytes()));
        }
        if (health.problem() != null) {
            text.append("\n  problem: ").append(health.problem());
        }
        output().result(json, text.toString());
        if (health.healthy()) {
            return Exit.OK;
        }
        return health.reachable() ? Exit.FAILED : Exit.UNAVAILABLE;
    }
}
