package dev.chatstore.testkit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One row of the hostile input catalogue: a public operation, the hostile input given to it, and
 * what the call must throw. Immutable.
 *
 * @param operation the operation, e.g. {@code "conversations.rename"}
 * @param input     what is hostile about the call, e.g. {@code "title of 501 chars"}
 * @param expected  the exception the call must throw
 * @param argument  for an InvalidInputException, the argument it must name; null for other exceptions
 * @param call      the call
 */
record HostileInput(String operation, String input, Class<? extends Throwable> expected, String argument,
                    ThrowingCallable call) {

    /** What the call must throw, e.g. {@code InvalidInputException(title)}. */
    String expectation() {
        return expected.getSimpleName() + (argument == null ? "" : "(" + argument + ")");
    }

    /** The operation, the input and the expectation, as a test's name. */
    String name() {
        return operation + " ← " + input + " ⇒ " + expectation();
    }

    /**
     * {@code value} as a test name can show it: quoted, control characters and unpaired surrogates
     * escaped, cut after 40 chars with the length said.
     */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < s.length() && shown < 40; i++, shown++) {
            char c = s.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > 40) {
            out.append("… (").append(s.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
