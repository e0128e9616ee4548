package dev.chatstore.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Source timestamps to millisecond {@link Instant}s. The sources write SQLite's {@code CURRENT_TIMESTAMP}
 * ("2025-01-19 10:00:00", UTC), Python's {@code datetime.utcnow()} ("2025-01-19 10:00:00.123456", naive UTC) or
 * ISO-8601 text; a timestamp without an offset is read as UTC, which is what all three products write. A number is
 * Unix time: seconds below 100,000,000,000 (the year 5138), milliseconds from there on. A bare date is its midnight
 * UTC. Finer than a millisecond is truncated.
 */
final class Timestamps {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);
    private static final long MILLIS_FROM = 100_000_000_000L;

    private Timestamps() {
    }

    /**
     * @param value a JDBC value: text, a number, or a {@link java.sql.Timestamp} (read as UTC)
     * @return the instant, or null for a null value
     * @throws dev.chatstore.InvalidInputException if the value is no timestamp
     */
    static Instant parse(Object value, String table, Object rowKey, String column) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant;
            if (value instanceof Number n) {
                long whole = n.longValue();
                instant = Math.abs(whole) >= MILLIS_FROM ? Instant.ofEpochMilli(whole)
                        : Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
            } else if (value instanceof java.sql.Timestamp t) {
                instant = t.toLocalDateTime().toInstant(ZoneOffset.UTC);
            } else {
                instant = parseText(value.toString().strip());
            }
            return instant.truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw SourceProblem.at(table, rowKey, column, "not a timestamp: \"" + value + "\"");
        }
    }

    /** Like {@link #parse} but a null value is bad data too. */
    static Instant required(Object value, String table, Object rowKey, String column) {
        Instant instant = parse(value, table, rowKey, column);
        if (instant == null) {
            throw SourceProblem.at(table, rowKey, column, "no timestamp");
        }
        return instant;
    }

    private static Instant parseText(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (text.endsWith("Z") || text.endsWith("z") || hasOffset(text)) {
            return OffsetDateTime.parse(text.endsWith("z") ? text.substring(0, text.length() - 1) + "Z" : text, OFFSET)
                    .toInstant();
        }
        return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
    }

    /** "+hh:mm" or "-hh:mm" after the time (a date's own '-' come before position 10). */
    private static boolean hasOffset(String text) {
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        return sign > 10;
    }
}
