package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads on a real streaming replica (see {@link TestReplication}): a user never reads older data than what they
 * wrote, through this store or, with a token, through another; reads go to the replica once it has caught up; a
 * stopped or lagging replica is skipped without an error.
 */
class PostgresReplicaTest {
    private final TestReplication servers = TestReplication.get();

    @AfterEach
    void resume() {
        servers.resumeReplay();
    }

    private PostgresChatStore store(String schema, Duration maxLag) {
        return PostgresChatStore.builder(servers.primary()).replicas(servers.replica()).schema(schema)
                .maxReplicaLag(maxLag).replicaCheckInterval(Duration.ofMillis(20)).build();
    }

    @Test
    void aWriteIsReadAtOnceWhileReplayIsPaused_andReadsMoveToTheReplicaOnceItCatchesUp() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = store(schema, Duration.ofMinutes(1))) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("Lisbon"));
            servers.awaitCaughtUp(Duration.ofSeconds(30));
            servers.pauseReplay();
            for (int i = 0; i < 20; i++) {
                Message written = alice.messages().append(c.id(), NewMessage.user("message " + i)).message();
                assertThat(alice.messages().get(written.id())).as("message %d, read at once", i).contains(written);
                assertThat(alice.conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(i + 1);
            }
            ReadStats paused = store.readStats();
            UserChats bob = store.forUser("bob");
            for (int i = 0; i < 10; i++) {
                assertThat(bob.conversations().list(PageRequest.first(5)).items()).isEmpty();
            }
            assertThat(store.readStats().replica()).as("bob, who wrote nothing, reads on the replica")
                    .isGreaterThan(paused.replica());

            servers.resumeReplay();
            servers.awaitCaughtUp(Duration.ofSeconds(30));
            Thread.sleep(50);
            ReadStats caughtUp = store.readStats();
            for (int i = 0; i < 10; i++) {
                assertThat(alice.messages().oldestFirst(c.id(), PageRequest.first(50)).items()).hasSize(20);
            }
            assertThat(store.readStats().replica() - caughtUp.replica()).as("alice's reads, once the replica caught up")
                    .isEqualTo(10);
        }
    }

    @Test
    void aTokenCarriesReadYourWritesToAnotherNode() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore nodeA = store(schema, Duration.ofMinutes(1));
             PostgresChatStore nodeB = store(schema, Duration.ofMinutes(1))) {
            Conversation c = nodeA.forUser("alice").conversations().create(NewConversation.titled("Porto"));
            servers.awaitCaughtUp(Duration.ofSeconds(30));
            Thread.sleep(50);
            servers.pauseReplay();
            Message written = nodeA.forUser("alice").messages().append(c.id(), NewMessage.user("hello")).message();
            String token = nodeA.forUser("alice").consistencyToken();
            assertThat(token).startsWith("pg:");

            assertThat(nodeB.forUser("alice").messages().get(written.id()))
                    .as("without the token, node B reads the paused replica").isEmpty();
            assertThat(nodeB.forUser("alice", token).messages().get(written.id()))
                    .as("with it, node B reads what node A wrote").contains(written);
            assertThat(nodeB.forUser("alice").messages().get(written.id()))
                    .as("and remembers the position for the user").contains(written);
        }
    }

    @Test
    void aReplicaLaggingPastTheBoundIsSkipped() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = store(schema, Duration.ofMillis(300))) {
            Conversation c = store.forUser("alice").conversations().create(NewConversation.titled("Faro"));
            servers.awaitCaughtUp(Duration.ofSeconds(30));
            servers.pauseReplay();
            store.forUser("alice").messages().append(c.id(), NewMessage.user("not replayed"));
            Thread.sleep(600);
            ReadStats before = store.readStats();
            for (int i = 0; i < 5; i++) {
                store.forUser("bob").conversations().list(PageRequest.first(5));
                Thread.sleep(30);
            }
            assertThat(store.readStats().replica()).as("no read on a replica lagging past the bound")
                    .isEqualTo(before.replica());
        }
    }

    @Test
    void aStoppedReplicaSendsReadsToThePrimaryWithoutAnError() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = store(schema, Duration.ofMinutes(1))) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("Braga"));
            alice.messages().append(c.id(), NewMessage.user("hello"));
            servers.stopReplica();
            try {
                for (int i = 0; i < 20; i++) {
                    assertThat(store.forUser("bob").conversations().list(PageRequest.first(5)).items()).isEmpty();
                    assertThat(alice.messages().oldestFirst(c.id(), PageRequest.first(5)).items()).hasSize(1);
                }
            } finally {
                servers.restartReplica();
            }
        }
    }

    @Test
    void tokensAreChecked() {
        try (PostgresChatStore store = store(TestPostgres.freshSchema(), Duration.ofMinutes(1))) {
            assertThat(catchThrowable(() -> store.forUser("alice", "pg:not-hex"))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("consistencyToken");
            assertThat(catchThrowable(() -> store.forUser("alice", null))).isInstanceOf(InvalidInputException.class);
            assertThat(store.forUser("alice", "").conversations().list(PageRequest.first(1)).items()).isEmpty();
        }
        try (PostgresChatStore plain = PostgresChatStore.builder(TestPostgres.dataSource())
                .schema(TestPostgres.freshSchema()).build()) {
            assertThat(plain.forUser("alice").consistencyToken()).as("without replicas: the primary's position now")
                    .startsWith("pg:");
            assertThat(plain.forUser("alice", plain.forUser("alice").consistencyToken()).conversations()
                    .list(PageRequest.first(1)).items()).isEmpty();
            assertThat(plain.readStats().replica()).isZero();
        }
    }
}
