package dev.chatstore.jdbc.internal;

import dev.chatstore.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads an export file line by line as bytes (so a user's section can be checked against its SHA-256 exactly as
 * written), counting lines. A line longer than the limit is refused rather than read into memory.
 */
final class ExportLineReader {
    /** Large enough for an inline attachment at the store's limit, Base64-encoded; small enough to fail cleanly. */
    static final int MAX_LINE_BYTES = 256 << 20;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    private byte[] line = new byte[8192];
    private long lineNumber;
    private long bytesRead;

    ExportLineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its newline, or null at the end of the input. */
    byte[] next() {
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0) {
                    return null;
                }
                return finish(length);
            }
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (chunk[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            length = append(length, end - position);
            position = newline < 0 ? limit : newline + 1;
            bytesRead += newline < 0 ? 0 : 1;
            if (newline >= 0) {
                return finish(length);
            }
        }
    }

    private int append(int length, int count) {
        if (length + count > line.length) {
            if (length + count > MAX_LINE_BYTES) {
                throw new ImportException(lineNumber + 1, "the line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(chunk, position, line, length, count);
        bytesRead += count;
        return length + count;
    }

    private byte[] finish(int length) {
        lineNumber++;
        return Arrays.copyOf(line, length);
    }

    private boolean fill() {
        if (ended) {
            return false;
        }
        try {
            int n = in.read(chunk);
            if (n <= 0) {
                ended = n < 0;
                if (n == 0) {
                    int b = in.read();
                    if (b < 0) {
                        ended = true;
                        return false;
                    }
                    chunk[0] = (byte) b;
                    position = 0;
                    limit = 1;
                    return true;
                }
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the import file after line " + lineNumber, e);
        }
    }

    /** The number of the line {@link #next()} returned last (1 for the first). */
    long lineNumber() {
        return lineNumber;
    }

    long bytesRead() {
        return bytesRead;
    }
}
