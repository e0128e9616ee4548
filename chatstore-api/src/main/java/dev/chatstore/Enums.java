package dev.chatstore;

import java.util.Arrays;
import java.util.Locale;

/** Parsing of the lowercase wire names of chatstore's enums. */
final class Enums {
    private Enums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String arg, String value) {
        if (value == null) {
            throw new InvalidInputException(arg, "must not be null");
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new InvalidInputException(arg, "unknown value \"" + value + "\"; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
