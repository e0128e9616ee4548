package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.UserChats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Branches: every message's parent is the tip of the chosen branch when it was appended; an
 * assistant reply can be regenerated and a user message edited into a sibling, which becomes the
 * tip; selectBranch chooses a tip; branch reads the chosen branch and path any message's way to
 * the root, newest first. The seq listings still hold every message of every branch.
 */
public interface BranchRules extends StoreFixture {

    private List<String> branchIds(UserChats user, String conversationId) {
        return Samples.messageIds(Pages.all(p -> user.messages().branch(conversationId, p), 200));
    }

    private List<String> pathIds(UserChats user, String messageId) {
        return Samples.messageIds(Pages.all(p -> user.messages().path(messageId, p), 200));
    }

    private List<String> allBySeq(UserChats user, String conversationId) {
        return Samples.messageIds(Pages.all(p -> user.messages().oldestFirst(conversationId, p), 200));
    }

    /**
     * Appends form one chain: each message's parent is the one before, the newest is the tip, and the branch is
     * every message newest first. Look at how append sets parent_id and the tip.
     */
    @Test
    default void appendsFormOneBranchEndingAtTheNewestMessage() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        assertThat(alice.messages().branch(c.id(), PageRequest.first()).items()).as("an empty conversation's branch").isEmpty();
        Message m1 = say(alice, c.id(), "one");
        Message m2 = append(alice, c.id(), NewMessage.assistant("two"));
        List<Appended> batch = alice.messages().appendAll(c.id(), List.of(NewMessage.user("three"), NewMessage.assistant("four")));
        Message m3 = batch.get(0).message();
        Message m4 = batch.get(1).message();
        assertThat(List.of(m1, m2, m3, m4)).extracting(Message::parentId).as("each parent is the message before")
                .containsExactly(null, m1.id(), m2.id(), m3.id());
        assertThat(reloadMessage(alice, m3.id()).parentId()).as("stored parent").isEqualTo(m2.id());
        assertThat(reload(alice, c.id()).activeTipId()).as("the newest is the tip").isEqualTo(m4.id());
        assertThat(branchIds(alice, c.id())).as("the branch, newest first")
                .containsExactly(m4.id(), m3.id(), m2.id(), m1.id());
        assertThat(alice.messages().branch(c.id(), PageRequest.first()).items()).as("branch returns the stored messages")
                .containsExactly(reloadMessage(alice, m4.id()), reloadMessage(alice, m3.id()), reloadMessage(alice, m2.id()),
                        reloadMessage(alice, m1.id()));
    }

    /**
     * regenerate appends an assistant sibling (same parent) with the next seq and makes it the tip; the seq listings
     * and the count hold both replies, the branch only the new one. Look at regenerate's parent and tip updates.
     */
    @Test
    default void regenerateAppendsASiblingThatBecomesTheTip() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message q = say(alice, c.id(), "question");
        Message a1 = append(alice, c.id(), NewMessage.assistant("answer 1"));
        Appended regenerated = alice.messages().regenerate(a1.id(), NewMessage.assistant("answer 2"));
        Message a2 = regenerated.message();
        assertThat(regenerated.replayed()).as("not a replay").isFalse();
        assertThat(a2).extracting(Message::seq, Message::role, Message::content, Message::parentId, Message::conversationId)
                .as("the next seq, an assistant reply to the same parent").containsExactly(3L, Role.ASSISTANT, "answer 2",
                        q.id(), c.id());
        assertThat(reloadMessage(alice, a2.id())).as("stored as returned").isEqualTo(a2);
        Conversation read = reload(alice, c.id());
        assertThat(read).extracting(Conversation::activeTipId, Conversation::messageCount, Conversation::lastMessagePreview)
                .as("tip, count and preview follow").containsExactly(a2.id(), 3L, "answer 2");
        assertThat(branchIds(alice, c.id())).as("the chosen branch holds the new reply").containsExactly(a2.id(), q.id());
        assertThat(allBySeq(alice, c.id())).as("the seq listing holds every message").containsExactly(q.id(), a1.id(), a2.id());
        assertThat(pathIds(alice, a1.id())).as("the first reply keeps its own path").containsExactly(a1.id(), q.id());
        Message next = say(alice, c.id(), "follow-up");
        assertThat(next.parentId()).as("the next append continues the new reply").isEqualTo(a2.id());
    }

    /**
     * editIntoBranch appends an edited user message as a sibling, starting a new branch; the original keeps its
     * branch with the replies under it. Look at editIntoBranch's parent and tip updates.
     */
    @Test
    default void editIntoBranchStartsANewBranchAndKeepsTheOriginal() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message u1 = say(alice, c.id(), "hi");
        Message a1 = append(alice, c.id(), NewMessage.assistant("hello"));
        Message u2 = say(alice, c.id(), "what is 2+3?");
        Message a2 = append(alice, c.id(), NewMessage.assistant("6"));
        Message u2b = alice.messages().editIntoBranch(u2.id(), NewMessage.user("what is 2+4?")).message();
        assertThat(u2b).extracting(Message::role, Message::parentId, Message::seq).as("a user sibling of the original")
                .containsExactly(Role.USER, a1.id(), 5L);
        assertThat(reload(alice, c.id()).activeTipId()).as("the edit is the tip").isEqualTo(u2b.id());
        assertThat(branchIds(alice, c.id())).as("the new branch").containsExactly(u2b.id(), a1.id(), u1.id());
        assertThat(pathIds(alice, a2.id())).as("the original branch is intact").containsExactly(a2.id(), u2.id(), a1.id(), u1.id());
        assertThat(reloadMessage(alice, u2.id()).content()).as("the original text is kept").isEqualTo("what is 2+3?");
        Message a2b = append(alice, c.id(), NewMessage.assistant("6, no: 6"));
        assertThat(a2b.parentId()).as("the reply continues the new branch").isEqualTo(u2b.id());
        assertThat(reload(alice, c.id()).messageCount()).as("every message counts").isEqualTo(6);
    }

    /**
     * selectBranch chooses the tip: the branch follows it and appends continue from it, also from a message in the
     * middle. Look at selectBranch's UPDATE and at append reading the tip.
     */
    @Test
    default void selectBranchChoosesWhereReadingAndAppendingContinue() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message u1 = say(alice, c.id(), "hi");
        Message a1 = append(alice, c.id(), NewMessage.assistant("v1"));
        Message a1b = alice.messages().regenerate(a1.id(), NewMessage.assistant("v2")).message();
        Conversation selected = alice.messages().selectBranch(a1.id());
        assertThat(selected.activeTipId()).as("the returned conversation names the chosen tip").isEqualTo(a1.id());
        assertThat(reload(alice, c.id()).activeTipId()).as("stored").isEqualTo(a1.id());
        assertThat(branchIds(alice, c.id())).as("the branch follows the choice").containsExactly(a1.id(), u1.id());
        Message u2 = say(alice, c.id(), "more on v1");
        assertThat(u2.parentId()).as("an append continues the chosen branch").isEqualTo(a1.id());
        alice.messages().selectBranch(u1.id());
        assertThat(branchIds(alice, c.id())).as("a message in the middle can be the tip").containsExactly(u1.id());
        Message a1c = append(alice, c.id(), NewMessage.assistant("v3"));
        assertThat(a1c.parentId()).as("appending there starts a third sibling").isEqualTo(u1.id());
        assertThat(pathIds(alice, a1b.id())).as("the second reply keeps its path").containsExactly(a1b.id(), u1.id());
        assertThat(pathIds(alice, u2.id())).as("the chosen-then-left branch keeps its path")
                .containsExactly(u2.id(), a1.id(), u1.id());
    }

    /**
     * Regenerating a first message (no parent, like a greeting) makes a second root: look at regenerate with a null
     * parent.
     */
    @Test
    default void regeneratingAFirstMessageMakesASecondRoot() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message first = append(alice, c.id(), NewMessage.assistant("Welcome!"));
        Message other = alice.messages().regenerate(first.id(), NewMessage.assistant("Hi there!")).message();
        assertThat(other.parentId()).as("a sibling of a root is a root").isNull();
        assertThat(branchIds(alice, c.id())).as("the branch is the new root alone").containsExactly(other.id());
        Message u = say(alice, c.id(), "hello");
        assertThat(pathIds(alice, u.id())).as("the path ends at the new root").containsExactly(u.id(), other.id());
    }

    /**
     * branch and path are keyset paged newest first with next cursors only: look at the recursive walk's paging.
     */
    @Test
    default void branchAndPathArePagedNewestFirstWithNextCursorsOnly() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        List<Message> all = fill(alice, c.id(), 25);
        Message side = alice.messages().editIntoBranch(all.get(20).id(), NewMessage.user("side")).message();
        List<String> expected = new ArrayList<>(Samples.messageIds(all.subList(0, 20)));
        expected.add(side.id());
        Collections.reverse(expected);
        List<Page<Message>> pages = Pages.walk(p -> alice.messages().branch(c.id(), p), 8);
        assertThat(pages).as("21 messages in pages of 8").hasSize(3);
        assertThat(Samples.messageIds(Pages.items(pages))).as("the branch from the tip to the root, each once")
                .containsExactlyElementsOf(expected);
        assertThat(pages).as("branch pages have no previous cursor").noneMatch(Page::hasPrevious);
        assertThat(pages.get(2).hasNext()).as("nothing after the root").isFalse();
        List<Page<Message>> pathPages = Pages.walk(p -> alice.messages().path(all.get(24).id(), p), 10);
        List<String> path = new ArrayList<>(Samples.messageIds(all));
        Collections.reverse(path);
        assertThat(Samples.messageIds(Pages.items(pathPages))).as("the path of the old tip, each once")
                .containsExactlyElementsOf(path);
        assertThat(pathPages).as("path pages have no previous cursor").noneMatch(Page::hasPrevious);
        assertThat(pathPages).as("25 messages in pages of 10").hasSize(3);
    }

    /**
     * Deleting a message moves its children to its parent, and deleting the tip makes its parent the tip: look at
     * delete's re-parenting and tip update.
     */
    @Test
    default void deletingAMessageMovesItsChildrenUpAndTheTipBack() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message u1 = say(alice, c.id(), "u1");
        Message a1 = append(alice, c.id(), NewMessage.assistant("a1"));
        Message u2 = say(alice, c.id(), "u2");
        Message u2b = alice.messages().editIntoBranch(u2.id(), NewMessage.user("u2b")).message();
        assertThat(alice.messages().delete(a1.id())).as("delete a message with two children").isTrue();
        assertThat(reloadMessage(alice, u2.id()).parentId()).as("first child moves up").isEqualTo(u1.id());
        assertThat(reloadMessage(alice, u2b.id()).parentId()).as("second child moves up").isEqualTo(u1.id());
        assertThat(branchIds(alice, c.id())).as("the branch skips the deleted message").containsExactly(u2b.id(), u1.id());
        alice.messages().delete(u2b.id());
        assertThat(reload(alice, c.id()).activeTipId()).as("the deleted tip's parent is the tip").isEqualTo(u1.id());
        Message next = say(alice, c.id(), "next");
        assertThat(next.parentId()).as("appends continue from the new tip").isEqualTo(u1.id());
        alice.messages().delete(u1.id());
        assertThat(reloadMessage(alice, next.id()).parentId()).as("children of a deleted root become roots").isNull();
        assertThat(reloadMessage(alice, u2.id()).parentId()).as("every child of it").isNull();
        alice.messages().delete(next.id());
        alice.messages().delete(u2.id());
        assertThat(reload(alice, c.id()).activeTipId()).as("no messages, no tip").isNull();
        assertThat(say(alice, c.id(), "fresh").parentId()).as("a fresh first message").isNull();
    }

    /**
     * regenerate needs an assistant message and an assistant reply, editIntoBranch a user message and a user
     * edit; anything else is InvalidInputException and stores nothing. Look at the role checks.
     */
    @Test
    default void regenerateAndEditIntoBranchCheckTheRoles() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message u = say(alice, c.id(), "question");
        Message a = append(alice, c.id(), NewMessage.assistant("answer"));
        UserSnapshot before = UserSnapshot.of(alice);
        assertThat(catchThrowable(() -> alice.messages().regenerate(u.id(), NewMessage.assistant("x"))))
                .as("regenerate of a user message").isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> alice.messages().regenerate(a.id(), NewMessage.user("x"))))
                .as("regenerate with a user reply").isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> alice.messages().regenerate(a.id(), NewMessage.tool("call-1", "x"))))
                .as("regenerate with a tool reply").isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> alice.messages().editIntoBranch(a.id(), NewMessage.user("x"))))
                .as("editIntoBranch of an assistant message").isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> alice.messages().editIntoBranch(u.id(), NewMessage.assistant("x"))))
                .as("editIntoBranch with an assistant message").isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> alice.messages().editIntoBranch(u.id(), NewMessage.system("x"))))
                .as("editIntoBranch with a system message").isInstanceOf(InvalidInputException.class);
        assertThat(UserSnapshot.of(alice)).as("nothing changed").isEqualTo(before);
    }

    /**
     * Regenerated replies and edits count as messages everywhere: unread count, token totals, the sidebar. Look at
     * whether regenerate and editIntoBranch share append's counter updates.
     */
    @Test
    default void regeneratedRepliesUpdateTheConversationLikeAppends() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        say(alice, c.id(), "question");
        Message a = append(alice, c.id(), NewMessage.assistant("answer"));
        alice.conversations().markRead(c.id());
        clock().tick();
        Message b = alice.messages().regenerate(a.id(), NewMessage.assistant("better answer")).message();
        Conversation read = reload(alice, c.id());
        assertThat(read).extracting(Conversation::messageCount, Conversation::unreadCount, Conversation::lastMessageAt,
                        Conversation::lastMessagePreview)
                .as("count, unread, time and preview follow the regenerated reply")
                .containsExactly(3L, 1L, b.createdAt(), "better answer");
        assertThat(b.createdAt()).as("created at the clock").isEqualTo(clock().now());
        Message e = alice.messages().editIntoBranch(reloadMessage(alice, a.parentId()).id(), NewMessage.user("rephrased"))
                .message();
        assertThat(reload(alice, c.id())).extracting(Conversation::messageCount, Conversation::lastMessagePreview,
                Conversation::activeTipId).as("after an edit into a branch").containsExactly(4L, "rephrased", e.id());
    }

    /**
     * Branch operations on well-formed ids that name nothing are NotFoundException and append nothing: branch of an
     * unknown conversation; regenerate, editIntoBranch, selectBranch and path of an unknown message. Look at how each
     * reports a missing row.
     */
    @Test
    default void branchOperationsOnUnknownIdsAreNotFound() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("branch", () -> alice().messages().branch(id, PageRequest.first()));
        expectNotFound("regenerate", () -> alice().messages().regenerate(id, NewMessage.assistant("x")));
        expectNotFound("editIntoBranch", () -> alice().messages().editIntoBranch(id, NewMessage.user("x")));
        expectNotFound("selectBranch", () -> alice().messages().selectBranch(id));
        expectNotFound("path", () -> alice().messages().path(id, PageRequest.first()));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A deleted message can be neither chosen as the tip nor edited into a branch; the tip and the messages stay as
     * they were. Look at selectBranch's and editIntoBranch's existence checks.
     */
    @Test
    default void aDeletedMessageCannotBeSelectedOrEditedIntoABranch() {
        Conversation c = newConversation(alice());
        Message gone = say(alice(), c.id(), "gone");
        Message kept = say(alice(), c.id(), "kept");
        alice().messages().delete(gone.id());
        expectNotFound("selectBranch of a deleted message", () -> alice().messages().selectBranch(gone.id()));
        expectNotFound("editIntoBranch of a deleted message",
                () -> alice().messages().editIntoBranch(gone.id(), NewMessage.user("x")));
        assertThat(reload(alice(), c.id()).activeTipId()).as("the tip is unchanged").isEqualTo(kept.id());
        assertThat(reload(alice(), c.id()).messageCount()).as("nothing appended").isEqualTo(1);
    }
}
