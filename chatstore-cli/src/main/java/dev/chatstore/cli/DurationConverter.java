package dev.chatstore.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration: a whole number and a unit ({@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}) or ISO-8601 ({@code P7D}). */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([dhms])");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value);
        if (duration == null) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90d, 12h, 30m, 45s)");
        }
        return duration;
    }

    /** The duration {@code value} names, or null. */
    static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        if (text.startsWith("p")) {
            try {
                Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
                return duration.isNegative() ? null : duration;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
