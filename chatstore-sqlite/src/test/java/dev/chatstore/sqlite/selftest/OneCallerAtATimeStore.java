package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversations;
import dev.chatstore.Messages;
import dev.chatstore.Profile;
import dev.chatstore.UserChats;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Broken on purpose for {@code Capability.CONCURRENT_WRITERS}: conversations, messages and the
 * profile refuse a call while another thread's call is running, as a store without any locking
 * would corrupt its data instead. Used one thread after another, it works like the real store.
 */
final class OneCallerAtATimeStore extends ForwardingChatStore {
    private final AtomicReference<Thread> caller = new AtomicReference<>();

    OneCallerAtATimeStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        return View.of(real)
                .withConversations(guarded(Conversations.class, real.conversations()))
                .withMessages(guarded(Messages.class, real.messages()))
                .withProfile(guarded(Profile.class, real.profile()));
    }

    private <T> T guarded(Class<T> type, T real) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (!caller.compareAndSet(null, Thread.currentThread())) {
                throw new IllegalStateException(method.getName() + " called while another thread's call is running:"
                        + " this store is not safe for concurrent writers");
            }
            try {
                // A slow call (as on a slow disk): threads released together by the rules then meet
                // here even on a loaded machine, instead of by chance.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                caller.set(null);
            }
        });
        return type.cast(proxy);
    }
}
