package dev.chatstore.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One user's approximate index of one model's vectors: Lucene's HNSW graph, in memory, holding only
 * each vector and its key (kind, chunk index, target id). It is derived data: built from the stored
 * vectors as of a version of the model, brought forward by the rows written since, and rid of the
 * keys a search finds deleted. Scores and filters are never taken from it: a search asks it for
 * candidates and reads them from the database. Changes after the build go into small segments of
 * their own (no merges, which would rebuild graphs in the writer's thread); {@link #worn()} says
 * when a fresh build would serve better. Thread-safe: changes are serialised, searches read the
 * latest published reader.
 */
final class ApproximateIndex implements AutoCloseable {
    /** Lucene's HNSW codec refuses more dimensions. */
    static final int MAX_DIMENSION = 1024;
    /** Bytes a vector costs in the index beyond its components: graph links, key, stored fields. */
    static final long VECTOR_OVERHEAD = 320;
    private static final String KEY = "key";
    private static final String VECTOR = "vector";
    private static final Set<String> KEY_ONLY = Set.of(KEY);
    /** Segments written after the build before a rebuild is due (each is searched on its own). */
    private static final int MAX_SEGMENTS = 12;

    /** A vector and its key, as read from the database. */
    record Entry(String key, float[] vector) {
    }

    final int dimension;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private volatile DirectoryReader reader;
    private volatile long version;
    private volatile boolean closed;
    private int builtDocs;
    private volatile int size;

    private ApproximateIndex(int dimension) throws IOException {
        this.dimension = dimension;
        IndexWriterConfig config = new IndexWriterConfig()
                .setMergePolicy(NoMergePolicy.INSTANCE)
                .setRAMBufferSizeMB(1024)
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
    }

    /** The key of a vector: kind, chunk index and target id, which ids never contain spaces to confuse. */
    static String key(String kind, int chunkIndex, String targetId) {
        return kind + ' ' + chunkIndex + ' ' + targetId;
    }

    /** An index of the entries {@code source} gives, the model's vectors as of {@code version}. */
    static ApproximateIndex build(int dimension, long version, Consumer<Consumer<Entry>> source) {
        try {
            ApproximateIndex index = new ApproximateIndex(dimension);
            int[] n = {0};
            source.accept(e -> {
                try {
                    index.writer.addDocument(document(e));
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
                n[0]++;
            });
            index.builtDocs = n[0];
            index.reader = DirectoryReader.open(index.writer);
            index.size = index.reader.numDocs();
            index.version = version;
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(Entry e) {
        Document doc = new Document();
        doc.add(new StringField(KEY, e.key(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, e.vector(), VectorSimilarityFunction.COSINE));
        return doc;
    }

    /** The version of the model whose vectors the index holds (with what searches since found deleted). */
    long version() {
        return version;
    }

    /**
     * Brings the index to {@code newVersion} with the vectors written since its version, replacing those of
     * the same key. Does nothing if it is already there or beyond.
     */
    synchronized void advance(long newVersion, Collection<Entry> written) {
        if (closed || newVersion <= version) {
            return;
        }
        try {
            for (Entry e : written) {
                writer.updateDocument(new Term(KEY, e.key()), document(e));
            }
            publish();
            version = newVersion;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops {@code keys}, which a search at {@code atVersion} found deleted; only if the index is at that
     * version (an index ahead of the search may hold a vector written again since).
     */
    synchronized void remove(long atVersion, Collection<String> keys) {
        if (closed || atVersion != version || keys.isEmpty()) {
            return;
        }
        try {
            for (String key : keys) {
                writer.deleteDocuments(new Term(KEY, key));
            }
            publish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publish() throws IOException {
        DirectoryReader changed = DirectoryReader.openIfChanged(reader, writer);
        if (changed != null) {
            DirectoryReader old = reader;
            reader = changed;
            size = changed.numDocs();
            // A search holding the old reader still reads it: its segments are immutable and in memory.
            old.decRef();
        }
    }

    /**
     * The keys of about the {@code n} vectors nearest to {@code query} by cosine, nearest first; null if the
     * index was closed (dropped from memory) meanwhile.
     */
    List<String> candidates(float[] query, int n) {
        DirectoryReader r = reader;
        while (!r.tryIncRef()) {
            if (closed) {
                return null;
            }
            // Replaced and released meanwhile: the latest one is published already.
            r = reader;
        }
        try {
            IndexSearcher searcher = new IndexSearcher(r);
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(VECTOR, query, n), n).scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<String> keys = new ArrayList<>(hits.length);
            for (ScoreDoc hit : hits) {
                keys.add(stored.document(hit.doc, KEY_ONLY).get(KEY));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(r);
        }
    }

    private static void release(DirectoryReader r) {
        try {
            r.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many vectors the index holds (as of when it was closed, if it was). */
    int size() {
        return size;
    }

    /**
     * Whether a fresh build would serve better: many segments written since the build (each searched
     * on its own), or many of the built vectors removed or replaced (dead nodes still in the graph).
     */
    synchronized boolean worn() {
        return !closed && (reader.leaves().size() > MAX_SEGMENTS || reader.numDeletedDocs() > builtDocs / 4 + 100);
    }

    /** The memory the index takes, roughly. */
    long bytes() {
        return (long) Math.max(builtDocs, size()) * ((long) dimension * Float.BYTES + VECTOR_OVERHEAD);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.decRef();
            writer.rollback();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
