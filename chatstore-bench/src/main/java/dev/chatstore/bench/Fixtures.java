package dev.chatstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The datasets, built once per JVM on first use and shared by every benchmark run in it: the
 * suite runs JMH in its own JVM many times over, and a benchmark run standalone (forked by JMH)
 * builds what it needs in its fork. Files go to the directory named by the system property
 * {@value #DIR_PROPERTY} (default {@code target/bench-data}). Thread-safe.
 */
final class Fixtures {
    static final String DIR_PROPERTY = "chatstore.bench.dir";

    private static AppendFixture append;
    private static PeerFixture peers;
    private static ReadFixture reads;
    private static VectorFixture vectors;
    private static PostgresFixture postgres;
    private static final java.util.Map<Integer, MemoryFixture> MEMORIES = new java.util.HashMap<>();

    private Fixtures() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "target/bench-data"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    static synchronized AppendFixture append() {
        if (append == null) {
            append = AppendFixture.build(dir());
        }
        return append;
    }

    static synchronized PeerFixture peers() {
        if (peers == null) {
            peers = PeerFixture.build(dir());
        }
        return peers;
    }

    static synchronized ReadFixture reads() {
        if (reads == null) {
            reads = ReadFixture.build(dir());
        }
        return reads;
    }

    static synchronized VectorFixture vectors() {
        if (vectors == null) {
            vectors = VectorFixture.build(dir());
        }
        return vectors;
    }

    private static AnnFixture ann;
    private static BackupFixture backups;

    static synchronized BackupFixture backups() {
        if (backups == null) {
            backups = BackupFixture.build(dir());
        }
        return backups;
    }

    static synchronized void closeBackups() {
        if (backups != null) {
            backups.close();
            backups = null;
        }
    }

    static synchronized AnnFixture ann() {
        if (ann == null) {
            ann = AnnFixture.build(dir());
        }
        return ann;
    }

    static synchronized void closeAnn() {
        if (ann != null) {
            ann.close();
            ann = null;
        }
    }

    static synchronized void closeVectors() {
        if (vectors != null) {
            vectors.close();
            vectors = null;
        }
    }

    static synchronized PostgresFixture postgres() {
        if (postgres == null) {
            postgres = PostgresFixture.start(dir());
        }
        return postgres;
    }

    private static ReplicaFixture replicas;

    static synchronized ReplicaFixture replicas() {
        if (replicas == null) {
            replicas = ReplicaFixture.start(dir());
        }
        return replicas;
    }

    static synchronized void closeReplicas() {
        if (replicas != null) {
            replicas.close();
            replicas = null;
        }
    }

    private static SearchFixture search;

    static synchronized SearchFixture search() {
        if (search == null) {
            search = SearchFixture.build(dir());
        }
        return search;
    }

    private static IndexAppendFixture indexAppend;

    static synchronized IndexAppendFixture indexAppend() {
        if (indexAppend == null) {
            indexAppend = IndexAppendFixture.build(dir());
        }
        return indexAppend;
    }

    static synchronized void closeIndexAppend() {
        if (indexAppend != null) {
            indexAppend.close();
            indexAppend = null;
        }
    }

    static synchronized void closeSearch() {
        if (search != null) {
            search.close();
            search = null;
        }
    }

    static synchronized MemoryFixture memory(int window) {
        return MEMORIES.computeIfAbsent(window, w -> MemoryFixture.build(dir(), w));
    }

    static synchronized void closeMemories() {
        MEMORIES.values().forEach(MemoryFixture::close);
        MEMORIES.clear();
    }

    static synchronized void closeAppend() {
        if (append != null) {
            append.close();
            append = null;
        }
    }

    static synchronized void closePeers() {
        if (peers != null) {
            peers.close();
            peers = null;
        }
    }

    static synchronized void closeReads() {
        if (reads != null) {
            reads.close();
            reads = null;
        }
    }

    static synchronized void closePostgres() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    static synchronized void closeAll() {
        closeAppend();
        closePeers();
        closeReads();
        closeVectors();
        closePostgres();
        closeReplicas();
        closeMemories();
        closeSearch();
        closeIndexAppend();
    }
}
