package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.MaintenanceReport;
import dev.chatstore.Message;
import dev.chatstore.PageRequest;
import dev.chatstore.SearchHit;
import dev.chatstore.StoreHealth;
import dev.chatstore.TextQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every store's operator API does alike: health reports a reachable store with the current
 * schema and sane connection figures; statistics refreshed ({@code optimize}) and space reclaimed
 * ({@code vacuum}) change no data, and full-text search still finds exactly what it found.
 * Backend-specific maintenance (SQLite's backups, checks and checkpoints) is tested by each backend.
 */
public interface OperationsRules extends StoreFixture {

    /** A reachable store, its schema the library's newest, the pool's figures consistent. */
    @Test
    default void healthReportsAReachableStoreWithTheCurrentSchema() {
        StoreHealth health = store().admin().health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.problem()).isNull();
        assertThat(health.healthy()).isTrue();
        assertThat(health.schemaVersion()).isEqualTo(store().admin().latestSchemaVersion()).isPositive();
        assertThat(health.roundTrip()).isPositive();
        if (health.pool().max() >= 0) {
            assertThat(health.pool().active()).isBetween(0, health.pool().max());
            assertThat(health.pool().idle()).isBetween(0, health.pool().max());
        }
        assertThat(health.pool().waiting()).isGreaterThanOrEqualTo(-1);
        assertThat(health.walBytes()).isGreaterThanOrEqualTo(-1);
    }

    /**
     * optimize, then vacuum after deleting half the messages: both report ok, and every remaining message is
     * found by its own word, the deleted ones by none. Look at what a VACUUM does to rows a full-text index
     * points at by row number.
     */
    @Test
    default void optimizeAndVacuumChangeNoDataAndKeepSearchExact() {
        Conversation c = newConversation(alice());
        List<Message> kept = new ArrayList<>();
        List<Message> deleted = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Message m = say(alice(), c.id(), "entry vacuumword" + i);
            (i % 2 == 0 ? deleted : kept).add(m);
        }
        deleted.forEach(m -> alice().messages().delete(m.id()));
        MaintenanceReport optimize = store().admin().optimize();
        assertThat(optimize.ok()).isTrue();
        MaintenanceReport vacuum = store().admin().vacuum();
        assertThat(vacuum.ok()).isTrue();
        assertThat(vacuum.problems()).isEmpty();
        for (int i = 0; i < 24; i++) {
            List<String> hits = alice().search().text(TextQuery.of("vacuumword" + i).onlyKinds(SearchHit.Kind.MESSAGE),
                    PageRequest.first(5)).items().stream().map(SearchHit::id).toList();
            String expected = (i % 2 == 0 ? null : kept.get(i / 2).id());
            assertThat(hits).as("vacuumword%d after vacuum", i).isEqualTo(expected == null ? List.of() : List.of(expected));
        }
        assertThat(reload(alice(), c.id()).messageCount()).isEqualTo(kept.size());
    }
}
