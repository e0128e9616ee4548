package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a value is rejected with an {@link InvalidInputException} naming the argument. */
public final class InvalidInput {
    private InvalidInput() {
    }

    /**
     * Asserts that {@code call} throws an InvalidInputException whose {@code argument()} is {@code argument} (or an
     * element or field of it, {@code argument[3]} or {@code argument.x}) and whose message starts with it.
     */
    public static InvalidInputException expectInvalid(String argument, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected an InvalidInputException naming \"%s\"", argument)
                .isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) thrown;
        assertThat(e.argument()).as("argument() (message: %s)", e.getMessage())
                .satisfiesAnyOf(a -> assertThat(a).isEqualTo(argument), a -> assertThat(a).startsWith(argument + "["),
                        a -> assertThat(a).startsWith(argument + "."));
        assertThat(e.getMessage()).as("the message names the argument").startsWith(e.argument() + ": ");
        return e;
    }
}
