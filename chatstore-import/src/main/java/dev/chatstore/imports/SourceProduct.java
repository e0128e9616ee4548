package dev.chatstore.imports;

import dev.chatstore.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The chat products whose databases {@link SourceImport} reads. Immutable. */
public enum SourceProduct {
    /** The AI-persona chat on SQLite: {@code ai_influencers}, {@code conversations}, {@code messages}. */
    PERSONA_CHAT("persona-chat"),
    /** The SQLite chat with vector search: {@code users}, {@code chats}, {@code messages}, {@code attachments}. */
    VECTOR_CHAT("vector-chat"),
    /**
     * The single-user multi-provider assistant: {@code conversations}, {@code messages}, {@code files},
     * {@code conversation_files}, {@code message_attachments}, {@code memory_facts}, {@code user_settings},
     * {@code provider_configs}, {@code search_cache}.
     */
    ASSISTANT("assistant");

    private final String cliName;

    SourceProduct(String cliName) {
        this.cliName = cliName;
    }

    /** The short name a command line uses, e.g. {@code "persona-chat"}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The product of a {@link #cliName()}.
     *
     * @throws InvalidInputException ("product") if the name is null or names no product
     */
    public static SourceProduct fromCliName(String name) {
        return Arrays.stream(values()).filter(p -> p.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("product", "unknown source product " + name + "; one of "
                        + Arrays.stream(values()).map(SourceProduct::cliName).collect(Collectors.joining(", "))));
    }
}
