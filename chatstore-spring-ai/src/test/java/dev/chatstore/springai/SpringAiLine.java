package dev.chatstore.springai;

import org.springframework.ai.chat.memory.ChatMemoryRepository;

/**
 * The Spring AI line on the test class path. The same test classes run against 1.1 (this module)
 * and 2.0 (chatstore-spring-ai-2-test), and MessageWindowChatMemory evicts differently in the two.
 */
final class SpringAiLine {

    private SpringAiLine() {
    }

    static String version() {
        String version = ChatMemoryRepository.class.getPackage().getImplementationVersion();
        if (version == null) {
            throw new IllegalStateException("spring-ai-model has no Implementation-Version in its manifest");
        }
        return version;
    }

    /** From 2.0 on, the window's cut moves forward to a user message, so no turn is kept in part. */
    static boolean windowStartsAtAUserMessage() {
        return Integer.parseInt(version().substring(0, version().indexOf('.'))) >= 2;
    }

    /** What Spring AI's own tests expect of this line's window. */
    static <T> T expected(T onLine1, T onLine2) {
        return windowStartsAtAUserMessage() ? onLine2 : onLine1;
    }
}
