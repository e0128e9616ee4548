package dev.chatstore.jdbc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How vectors are stored and scored: little-endian float32 bytes, the L2 norm, and the cosine
 * similarity. Every backend scores with this code, so an exact search gives the same scores, bit for
 * bit, everywhere. Thread-safe (stateless).
 */
final class VectorMath {
    private VectorMath() {
    }

    /** The stored form: 4 little-endian bytes per component. */
    static byte[] encode(float[] vector) {
        ByteBuffer out = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(vector);
        return out.array();
    }

    /** Fills {@code into} (as long as the stored vector) from the stored form. */
    static float[] decode(byte[] stored, float[] into) {
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(into);
        return into;
    }

    static float[] decode(byte[] stored) {
        return decode(stored, new float[stored.length / Float.BYTES]);
    }

    /** The L2 norm, summed in double. */
    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    /**
     * The dot product in double: each product of two floats is exact in double, and four running
     * sums (in a fixed order) let the loop pipeline. Both arrays have the same length.
     */
    static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The cosine similarity from the dot product and both norms, kept within [-1, 1] against rounding. */
    static double cosine(double dot, double normA, double normB) {
        double c = dot / (normA * normB);
        return Math.max(-1.0, Math.min(1.0, c));
    }
}
