package dev.chatstore.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What README snippets use but do not declare, one context per snippet that needs one. A snippet
 * that declares everything it uses (the quick start, the JUnit example) needs none.
 *
 * <p>A context is found by its key, a distinctive piece of the snippet's text; each key must occur
 * in exactly one snippet, or {@link ReadmeSnippetsTest} fails (so a context whose snippet changed
 * or went away is noticed). Its {@code setup} is Java statements run before the snippet, its
 * {@code after} statements run after it (checks of what the snippet's comments promise, closing
 * what it opened); both are compiled with the snippet, in the same method. Its stand-ins are extra
 * source files compiled with a snippet that names a type of the reader's own.
 *
 * <p>Every snippet runs in a JVM of its own whose working directory is an empty directory, so
 * {@code Path.of("chat.db")} is a fresh SQLite file there.
 */
final class ReadmeSnippetContexts {
    /** The stand-in embedding model of the search snippets: words hashed into 16 dimensions. */
    private static final String EMBEDDER = """
            import java.util.Locale;

            /** Words hashed into 16 dimensions: texts sharing words are near. */
            final class Embedder {
                float[] embed(String text) {
                    float[] v = new float[16];
                    v[15] = 0.01f;
                    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                        if (!word.isEmpty()) {
                            v[Math.floorMod(word.hashCode(), 15)] += 1;
                        }
                    }
                    return v;
                }
            }
            """;

    /**
     * @param key      text that occurs in exactly one README snippet
     * @param setup    statements run before the snippet (declaring what it uses)
     * @param after    statements run after the snippet
     * @param standIns source files compiled with the snippet, by type name (the file is {@code <name>.java})
     * @param imports  imports the snippet is compiled with besides {@link ReadmeSnippetsTest#IMPORTS}
     */
    record SnippetContext(String key, String setup, String after, Map<String, String> standIns, List<String> imports) {
        SnippetContext {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("A context key must not be blank");
            }
            standIns = Map.copyOf(standIns);
            imports = List.copyOf(imports);
        }

        static SnippetContext statements(String key, String setup, String after) {
            return new SnippetContext(key, setup, after, Map.of(), List.of());
        }

        static SnippetContext standIn(String key, String typeName, String source) {
            return new SnippetContext(key, "", "", Map.of(typeName, source), List.of());
        }

        /** The same context, its snippet also compiled with these imports (the ones its README text names). */
        SnippetContext importing(String... types) {
            return new SnippetContext(key, setup, after, standIns, List.of(types));
        }

        /** The same context with a stand-in type compiled beside the snippet. */
        SnippetContext withStandIn(String typeName, String source) {
            Map<String, String> more = new java.util.HashMap<>(standIns);
            more.put(typeName, source);
            return new SnippetContext(key, setup, after, more, imports);
        }

        boolean hasStatements() {
            return !setup.isBlank() || !after.isBlank();
        }
    }

    static final List<SnippetContext> ALL = List.of(

            // "Search"
            SnippetContext.statements("chats.search().text(", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation trip = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    chats.messages().append(trip.id(), NewMessage.user("Where should we have lunch?"));
                    chats.messages().append(trip.id(), NewMessage.assistant("Lunch at Time Out Market in Lisbon"));
                    chats.messages().append(trip.id(), NewMessage.assistant("Time out in Porto is nice too"));
                    """, """
                    assertThat(hits.items()).extracting(SearchHit::snippet).containsExactly(
                            "Lunch at <mark>Time Out</mark> Market in <mark>Lisbon</mark>");
                    assertThat(hits.items().get(0).seq()).isEqualTo(2);
                    store.close();
                    """),

            // "Spring AI": the repository under MessageWindowChatMemory
            SnippetContext.statements("ChatstoreChatMemoryRepository.builder(store)", "", """
                    assertThat(memory.get("trip-42")).extracting(org.springframework.ai.chat.messages.Message::getText)
                            .containsExactly("Where should we eat in Lisbon?");
                    Conversation trip = store.forUser("alice").conversations().findByExternalKey("trip-42").orElseThrow();
                    assertThat(store.forUser("alice").messages().oldestFirst(trip.id(), PageRequest.first()).items())
                            .extracting(Message::content).containsExactly("Where should we eat in Lisbon?");
                    store.close();
                    """).importing("dev.chatstore.springai.ChatstoreChatMemoryRepository",
                    "org.springframework.ai.chat.memory.ChatMemory",
                    "org.springframework.ai.chat.memory.MessageWindowChatMemory",
                    "org.springframework.ai.chat.messages.UserMessage"),

            // "LangChain4j": the store behind AI Services, with a model that answers from what it is sent
            SnippetContext.statements("ChatstoreChatMemoryStore.builder(store)", """
                    dev.langchain4j.model.chat.ChatModel model = new dev.langchain4j.model.chat.ChatModel() {
                        @Override
                        public dev.langchain4j.model.chat.response.ChatResponse doChat(
                                dev.langchain4j.model.chat.request.ChatRequest request) {
                            return dev.langchain4j.model.chat.response.ChatResponse.builder()
                                    .aiMessage(dev.langchain4j.data.message.AiMessage.from(
                                            "Try Time Out Market (" + request.messages().size() + " message)"))
                                    .build();
                        }
                    };
                    """, """
                    assertThat(answer).isEqualTo("Try Time Out Market (1 message)");
                    Conversation trip = store.forUser("alice").conversations().findByExternalKey("trip-42").orElseThrow();
                    assertThat(store.forUser("alice").messages().oldestFirst(trip.id(), PageRequest.first()).items())
                            .extracting(Message::content)
                            .containsExactly("Where should we eat in Lisbon?", "Try Time Out Market (1 message)");
                    store.close();
                    """).importing("dev.chatstore.langchain4j.ChatstoreChatMemoryStore",
                    "dev.langchain4j.memory.chat.MessageWindowChatMemory",
                    "dev.langchain4j.service.AiServices")
                    .withStandIn("Assistant", """
                            public interface Assistant {
                                String chat(@dev.langchain4j.service.MemoryId String id,
                                            @dev.langchain4j.service.UserMessage String text);
                            }
                            """),


            // "More of what chat products keep": Personas
            SnippetContext.statements("store.personas().upsert(", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    """, """
                    assertThat(chats.messages().oldestFirst(c.id(), PageRequest.first()).items())
                            .extracting(Message::content).containsExactly("Olá! Where shall we start?");
                    assertThatThrownBy(() -> store.forUser("user-7").conversations()
                            .getOrCreateForPersona(NewConversation.withPersona("lisbon-guide")))
                            .isInstanceOf(PersonaUnavailableException.class);
                    store.close();
                    """),

            // Users
            SnippetContext.statements("chats.profile().upsert(", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    """, """
                    assertThat(Files.size(Path.of("alice.jsonl"))).isPositive();
                    assertThat(chats.conversations().get(c.id())).isEmpty();
                    assertThat(chats.profile().get()).isEmpty();
                    store.close();
                    """),

            // Conversations
            SnippetContext.statements("chats.conversations().setModel(", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation old = chats.conversations().create(NewConversation.titled("Last year's trip"));
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    """, """
                    assertThat(chats.conversations().listArchived(PageRequest.first()).items())
                            .extracting(Conversation::id).containsExactly(old.id());
                    assertThat(chats.conversations().list(PageRequest.first()).items())
                            .extracting(Conversation::id).containsExactly(c.id());
                    store.close();
                    """),

            // Filters on metadata
            SnippetContext.statements("ConversationFilter work = ", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        Conversation made = chats.conversations().create(NewConversation.titled("Chat " + i).withMetadata(Map.of(
                                "tags", i % 2 == 0 ? List.of("work", "q3") : List.of("home"), "priority", i % 2 == 1 ? 2 : i % 4 == 0 ? 1.0 : 1,
                                "client", Map.of("region", "eu", "id", 7))));
                        if (i % 2 == 0) {
                            expected.add(0, made.id());
                        }
                    }
                    """, """
                    assertThat(page.items()).extracting(ConversationSummary::id).containsExactlyElementsOf(expected.subList(0, 10));
                    assertThat(next.items()).extracting(Conversation::id).containsExactlyElementsOf(expected.subList(10, 13));
                    assertThat(pinned.items()).isEmpty();
                    store.close();
                    """),

            // Messages
            SnippetContext.statements("chats.messages().setFeedback(reply.id()", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    Message question = chats.messages().append(c.id(), NewMessage.user("Where should I eat?")).message();
                    Message reply = chats.messages().append(c.id(),
                            NewMessage.assistant("Try Time Out Market.").replyTo(question.id())).message();
                    """, """
                    assertThat(chats.messages().get(question.id()).orElseThrow().content()).isEqualTo("fixed typo");
                    store.close();
                    """),

            // Semantic search: a stand-in embedding model hashing words into 16 dimensions
            new SnippetContext("chats.embeddings().put(EmbeddingTarget.message(", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    Attachment file = chats.attachments().create(NewAttachment.stored("guide.pdf", "application/pdf",
                            1234, null, "s3://bucket/guide.pdf"));
                    Embedder embedder = new Embedder();
                    Message other = chats.messages().append(c.id(), NewMessage.user("Book a table for two")).message();
                    chats.embeddings().put(EmbeddingTarget.message(other.id()), "text-embedding-3-small",
                            embedder.embed(other.content()));
                    """, """
                    assertThat(hits).extracting(VectorHit::target).containsExactly(EmbeddingTarget.message(asked.id()),
                            EmbeddingTarget.attachmentChunk(file.id(), 0), EmbeddingTarget.message(other.id()));
                    assertThat(hits.get(0).score()).isGreaterThan(hits.get(2).score());
                    store.close();
                    """, Map.of("Embedder", EMBEDDER), List.of()),

            // Approximate search: the same stand-in embedder, an index built over a few vectors
            new SnippetContext("chats.embeddings().buildApproximateIndex(model);", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    Embedder embedder = new Embedder();
                    Message fado = chats.messages().append(c.id(), NewMessage.user("Where can I hear fado music?")).message();
                    Message table = chats.messages().append(c.id(), NewMessage.user("Book a table for two")).message();
                    for (Message m : List.of(fado, table)) {
                        chats.embeddings().put(EmbeddingTarget.message(m.id()), "text-embedding-3-small", embedder.embed(m.content()));
                    }
                    """, """
                    assertThat(chats.embeddings().buildApproximateIndex(model)).isTrue();
                    assertThat(near).extracting(VectorHit::target).containsExactly(EmbeddingTarget.message(fado.id()),
                            EmbeddingTarget.message(table.id()));
                    store.close();
                    """, Map.of("Embedder", EMBEDDER), List.of()),

            // Hybrid search: the same stand-in embedder
            new SnippetContext("chats.search().hybrid(", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    Embedder embedder = new Embedder();
                    Message both = chats.messages().append(c.id(), NewMessage.user("Where can I hear fado music tonight?")).message();
                    Message textOnly = chats.messages().append(c.id(), NewMessage.assistant("Fado started in Alfama")).message();
                    Message vectorOnly = chats.messages().append(c.id(), NewMessage.user("Any live music tonight?")).message();
                    for (Message m : List.of(both, vectorOnly)) {
                        chats.embeddings().put(EmbeddingTarget.message(m.id()), "text-embedding-3-small", embedder.embed(m.content()));
                    }
                    """, """
                    assertThat(hits).extracting(HybridHit::id).containsExactlyInAnyOrder(both.id(), textOnly.id(), vectorOnly.id());
                    assertThat(hits.get(0).id()).isEqualTo(both.id());
                    assertThat(hits.get(0).textRank()).isPositive();
                    assertThat(hits.get(0).vectorRank()).isEqualTo(1);
                    store.close();
                    """, Map.of("Embedder", EMBEDDER), List.of()),

            // Settings, provider keys, search cache, usage
            SnippetContext.statements("SqliteChatStore.builder(file)", """
                    Path file = Path.of("chat.db");
                    byte[] currentKey = new byte[32];                       // two AES-256 keys
                    byte[] previousKey = new byte[32];
                    Arrays.fill(currentKey, (byte) 2);
                    Arrays.fill(previousKey, (byte) 1);
                    // a key stored before the rotation, under the previous key, for rotateEncryptionKey() to re-encrypt
                    try (SqliteChatStore before = SqliteChatStore.builder(file)
                            .encryptionKeys(EncryptionKeys.of(previousKey)).build()) {
                        before.forUser("user-42").providers().put(ProviderConfigSpec.of("anthropic").withApiKey("sk-old"));
                    }
                    String secret = "sk-readme";
                    Object results = List.of(Map.of("title", "Time Out Market", "url", "https://example.com/tom"));
                    Instant from = Instant.parse("2020-01-01T00:00:00Z");
                    Instant to = Instant.now().plus(Duration.ofDays(1));
                    """, """
                    assertThat(key).isEqualTo(secret);
                    store.close();
                    try (SqliteChatStore rotated = SqliteChatStore.builder(file)      // the current key alone now reads both
                            .encryptionKeys(EncryptionKeys.of(currentKey)).build()) {
                        assertThat(rotated.forUser("user-42").providers().apiKey("anthropic")).contains("sk-old");
                        assertThat(rotated.forUser("user-42").providers().apiKey("openai")).contains(secret);
                    }
                    """),

            // SQLite options
            SnippetContext.statements(".personaCacheTtl(Duration.ofMinutes(10))", """
                    byte[] key = new byte[32];                              // an AES-256 key
                    new java.security.SecureRandom().nextBytes(key);
                    EncryptionKeys keys = EncryptionKeys.of(key);
                    """, """
                    store.close();
                    """),

            // PostgreSQL: CHATSTORE_PG_URL's server, or an embedded one
            SnippetContext.statements("PostgresChatStore.builder(dataSource)", """
                    HikariConfig hikariConfig = dev.chatstore.demo.ReadmePostgres.hikariConfig();
                    """, """
                    dataSource.close();
                    """),

            // Scaling out: read replicas. The snippet JVM has one server, so the "replica" is the primary itself:
            // it replays nothing, so every read goes to the primary, as with a replica that is down.
            SnippetContext.statements("otherNode.forUser(", """
                    HikariDataSource primary = new HikariDataSource(dev.chatstore.demo.ReadmePostgres.hikariConfig());
                    javax.sql.DataSource replica = primary;
                    PostgresChatStore otherNode = PostgresChatStore.builder(primary).build();
                    String conversationId = otherNode.forUser("user-42").conversations()
                            .create(NewConversation.titled("Trip to Lisbon")).id();
                    """, """
                    assertThat(otherNode.forUser("user-42").messages().newestFirst(conversationId, PageRequest.first(5))
                            .items()).hasSize(1);
                    otherNode.close();
                    primary.close();
                    """),

            // Operating a store
            SnippetContext.statements("StoreAdmin admin = store.admin();", """
                    // opened without migrating, so that admin.migrate() has migrations to apply
                    ChatStore store = SqliteChatStore.builder(Path.of("chat.db")).migrateOnOpen(false).build();
                    """, """
                    assertThat(applied).isNotEmpty();
                    assertThat(version).isEqualTo(admin.latestSchemaVersion());
                    assertThat(admin.migrate()).isEmpty();
                    assertThat(counts.conversations()).isZero();
                    store.close();
                    """),

            // Health and maintenance: a store with a few messages
            SnippetContext.statements("StoreHealth health = admin.health();", """
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    StoreAdmin admin = store.admin();
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    chats.messages().append(c.id(), NewMessage.user("Where is the tram?"));
                    """, """
                    assertThat(health.healthy()).isTrue();
                    assertThat(List.of(check, stats, vacuum, checkpoint)).allSatisfy(r -> assertThat(r.ok()).isTrue());
                    assertThat(chats.search().text(TextQuery.of("tram"), PageRequest.first(5)).items()).hasSize(1);
                    store.close();
                    """),

            // Backup and restore
            SnippetContext.statements("BackupReport backup = admin.backupTo(", """
                    Files.createDirectories(Path.of("backups"));
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    StoreAdmin admin = store.admin();
                    UserChats chats = store.forUser("user-42");
                    Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                    chats.messages().append(c.id(), NewMessage.user("Where is the tram?"));
                    """, """
                    store.close();
                    try (SqliteChatStore restored = SqliteChatStore.open(Path.of("chat-restored.db"))) {
                        assertThat(restored.forUser("user-42").conversations().get(c.id())).isPresent();
                    }
                    assertThat(compact.bytes()).isPositive();
                    """),

            // Moving data: export and import a store with a conversation
            SnippetContext.statements("StoreExportSummary exported = store.admin().exportStore(", """
                    try (ChatStore seed = SqliteChatStore.open(Path.of("chat.db"))) {
                        UserChats chats = seed.forUser("user-42");
                        Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                        chats.messages().append(c.id(), NewMessage.user("Where is the tram?"));
                    }
                    """, """
                    try (ChatStore moved = SqliteChatStore.open(Path.of("imported.db"))) {
                        assertThat(moved.forUser("user-42").search().text(TextQuery.of("tram"), PageRequest.first(5)).items())
                                .hasSize(1);
                    }
                    """),

            // Moving data: SQLite to PostgreSQL (CHATSTORE_PG_URL's server, or an embedded one)
            SnippetContext.statements("StoreCopy.copy(sqlite, postgres", """
                    HikariDataSource pool = new HikariDataSource(dev.chatstore.demo.ReadmePostgres.hikariConfig());
                    try (ChatStore seed = SqliteChatStore.open(Path.of("chat.db"))) {
                        UserChats chats = seed.forUser("user-42");
                        Conversation c = chats.conversations().create(NewConversation.titled("Trip to Lisbon"));
                        chats.messages().appendAll(c.id(), List.of(NewMessage.user("Where is the tram?"),
                                NewMessage.assistant("Take the 28.")));
                    }
                    """, """
                    try (PostgresChatStore check = PostgresChatStore.builder(pool).schema("chatstore").build()) {
                        assertThat(check.admin().checksums().tableRows()).containsEntry("message", 2L);
                    }
                    pool.close();
                    """),

            // Operating a store: retention, over data written 200 days ago
            SnippetContext.statements("purgeOrphanedAttachments(Duration.ofDays(1)", """
                    Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(200)), ZoneOffset.UTC);
                    try (SqliteChatStore past = SqliteChatStore.builder(Path.of("chat.db")).clock(longAgo).build()) {
                        UserChats user = past.forUser("user-42");
                        String trip = user.conversations().create(NewConversation.titled("Trip")).id();
                        user.messages().append(trip, NewMessage.user("Where shall we eat?"));
                        user.attachments().create(NewAttachment.stored("menu.pdf", "application/pdf", 1234, null,
                                "s3://chat-files/menu.pdf"));
                    }
                    ChatStore store = SqliteChatStore.open(Path.of("chat.db"));
                    ObjectStorage objectStorage = new ObjectStorage();
                    """, """
                    assertThat(archived).isEqualTo(1);
                    assertThat(deleted).isZero();                             // archived just now
                    assertThat(purge.deleted()).isEqualTo(1);
                    assertThat(objectStorage.deleted).containsExactly("s3://chat-files/menu.pdf");
                    store.close();
                    """).withStandIn("ObjectStorage", """
                    /** Stand-in for the reader's object storage client: remembers what it was asked to delete. */
                    final class ObjectStorage {
                        final List<String> deleted = new ArrayList<>();

                        void delete(String uri) throws IOException {
                            deleted.add(uri);
                        }
                    }
                    """),

            // Operating a store: Litestream (the store works with the settings; LitestreamReplicationTest runs Litestream)
            SnippetContext.statements(".checkpoints(Checkpoints.EXTERNAL)", "", """
                    Conversation c = store.forUser("user-42").conversations().create(NewConversation.titled("replicated"));
                    store.forUser("user-42").messages().append(c.id(), NewMessage.user("hello"));
                    assertThat(store.forUser("user-42").conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(1);
                    store.close();
                    """),

            // Metrics: a registry of the reader's, here a SimpleMeterRegistry
            SnippetContext.statements("ChatStoreMetrics metrics = new ChatStoreMetrics();", """
                    MeterRegistry registry = new SimpleMeterRegistry();
                    """, """
                    assertThat(creates.count()).isEqualTo(1);
                    assertThat(creates.getId().getTag("backend")).isEqualTo("sqlite");
                    assertThat(reachable).isEqualTo(1.0);
                    store.close();
                    assertThat(registry.get("chatstore.reachable").gauge().value()).isZero();
                    """).importing("dev.chatstore.micrometer.ChatStoreMetrics",
                    "io.micrometer.core.instrument.MeterRegistry", "io.micrometer.core.instrument.Timer",
                    "io.micrometer.core.instrument.simple.SimpleMeterRegistry"),

            // The conformance test kit: the reader's own store, here an in-memory SQLite store
            SnippetContext.standIn("class MyStoreConformanceTest extends ChatStoreConformance", "MyStore", """
                    /** Stand-in for the reader's own store of the conformance kit example: in-memory SQLite. */
                    final class MyStore {
                        private MyStore() {
                        }

                        static SqliteChatStore.Builder builder() {
                            return SqliteChatStore.inMemoryBuilder();
                        }
                    }
                    """));

    private ReadmeSnippetContexts() {
    }
}
