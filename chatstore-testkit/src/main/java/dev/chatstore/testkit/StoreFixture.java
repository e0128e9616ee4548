package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Attachment;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.UserChats;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every rule sees: the store under test, its clock, and small helpers. Implemented by
 * {@link ChatStoreConformance}; every rule interface extends it.
 */
public interface StoreFixture {
    /** The user most rules act as. */
    String ALICE = "alice";
    /** A second user, for tenant isolation. */
    String BOB = "bob";

    /** The store under test, fresh and empty at the start of each test. */
    ChatStore store();

    /** The store's clock: frozen at {@link TestClock#START} until the test moves it. */
    TestClock clock();

    /** The settings the current store was opened with. */
    StoreSettings settings();

    /** Whether the implementation declares {@code capability}. */
    boolean supports(Capability capability);

    /**
     * Closes the store and reopens it over the same data. Only for rules annotated
     * {@code @Requires(Capability.REOPEN)}: without the capability it throws IllegalStateException.
     */
    void reopen();

    /**
     * Closes the store and reopens it over the same data with {@code settings} (for instance other
     * encryption keys), which become {@link #settings()}. Only for rules annotated
     * {@code @Requires(Capability.REOPEN)}: without the capability it throws IllegalStateException.
     */
    void reopen(StoreSettings settings);

    /** Closes the store and replaces it with a fresh, empty one opened with {@code settings}. */
    void restart(StoreSettings settings);

    default UserChats alice() {
        return store().forUser(ALICE);
    }

    default UserChats bob() {
        return store().forUser(BOB);
    }

    default Conversation newConversation(UserChats user) {
        return user.conversations().create(NewConversation.untitled());
    }

    /** The conversation as stored now; fails the test if it is missing. */
    default Conversation reload(UserChats user, String conversationId) {
        return user.conversations().get(conversationId).orElseThrow(() -> new AssertionError(
                "conversation " + conversationId + " of " + user.userId() + " should exist"));
    }

    /** The message as stored now; fails the test if it is missing. */
    default Message reloadMessage(UserChats user, String messageId) {
        return user.messages().get(messageId).orElseThrow(() -> new AssertionError(
                "message " + messageId + " of " + user.userId() + " should exist"));
    }

    default Message append(UserChats user, String conversationId, NewMessage message) {
        return user.messages().append(conversationId, message).message();
    }

    /** Appends a user message with {@code content}. */
    default Message say(UserChats user, String conversationId, String content) {
        return append(user, conversationId, NewMessage.user(content));
    }

    /** Appends {@code count} user messages "m1" … "m{count}" in batches and returns them in order. */
    default List<Message> fill(UserChats user, String conversationId, int count) {
        List<Message> stored = new ArrayList<>(count);
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            batch.add(NewMessage.user("m" + i));
            if (batch.size() == 500 || i == count) {
                user.messages().appendAll(conversationId, batch).forEach(a -> stored.add(a.message()));
                batch.clear();
            }
        }
        return stored;
    }

    /** Registers a file stored elsewhere, in status uploading. */
    default Attachment storedFile(UserChats user, String name) {
        return user.attachments().create(NewAttachment.stored(name, "application/pdf", 1234, null, "s3://bucket/" + name));
    }

    /** A well-formed id that names nothing. */
    default String unknownId() {
        return UUID.randomUUID().toString();
    }

    /** Gives {@code user} one of everything (see {@link SeededUser}); moves the clock. */
    default SeededUser seed(UserChats user) {
        return SeededUser.create(user, clock());
    }

    /** Asserts that {@code call} throws an {@link InvalidInputException} whose argument() names {@code argument}. */
    default InvalidInputException expectInvalid(String argument, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected an InvalidInputException naming argument \"%s\"", argument)
                .isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) thrown;
        assertThat(Samples.names(e.argument(), argument))
                .as("InvalidInputException.argument() should be \"%s\" but was \"%s\" (message: %s)",
                        argument, e.argument(), e.getMessage())
                .isTrue();
        return e;
    }

    /** Asserts that {@code call} throws a {@link NotFoundException}; {@code what} says what is missing. */
    default NotFoundException expectNotFound(String what, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a NotFoundException: %s", what).isInstanceOf(NotFoundException.class);
        return (NotFoundException) thrown;
    }
}
