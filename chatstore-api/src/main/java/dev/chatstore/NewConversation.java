package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.Map;

/**
 * What to create a conversation with. Validated on construction. Immutable; the {@code with…}
 * methods return copies.
 *
 * @param title        optional title (non-blank, at most {@link Limits#TITLE_MAX} chars)
 * @param personaName  optional persona, by its unique name; at most one conversation per user and
 *                     persona. A persona the store knows must be {@link PersonaStatus#ACTIVE}; an
 *                     unknown name is kept as an opaque key.
 * @param metadata     JSON metadata (see {@link Message#metadata()} for the allowed values)
 * @param provider     optional AI provider id, e.g. {@code "openai"}
 * @param model        optional model name
 * @param systemPrompt optional system prompt
 * @param greet        whether a new conversation with a persona starts with the persona's greeting
 *                     as its first assistant message (in the same transaction)
 */
public record NewConversation(String title, String personaName, Map<String, Object> metadata,
                              String provider, String model, String systemPrompt, boolean greet) {
    /**
     * Validates the fields.
     *
     * @param title        the title, or null
     * @param personaName  the persona's name, or null
     * @param metadata     the metadata, or null for none
     * @param provider     the provider id, or null
     * @param model        the model name, or null
     * @param systemPrompt the system prompt, or null
     * @param greet        whether to start with the persona's greeting
     * @throws InvalidInputException naming the field that is blank, too long, not storable or not valid metadata
     */
    public NewConversation {
        Check.optionalText("title", title, Limits.TITLE_MAX);
        Check.optionalText("personaName", personaName, Limits.PERSONA_NAME_MAX);
        metadata = Check.metadata("metadata", metadata == null ? Map.of() : metadata);
        Check.optionalText("provider", provider, Limits.PROVIDER_MAX);
        Check.optionalText("model", model, Limits.MODEL_NAME_MAX);
        Check.optionalText("systemPrompt", systemPrompt, Limits.SYSTEM_PROMPT_MAX);
    }

    /**
     * A conversation without provider, model, system prompt or greeting.
     *
     * @param title       the title, or null
     * @param personaName the persona's name, or null
     * @param metadata    the metadata, or null for none
     * @throws InvalidInputException naming the field that is blank, too long, not storable or not valid metadata
     */
    public NewConversation(String title, String personaName, Map<String, Object> metadata) {
        this(title, personaName, metadata, null, null, null, false);
    }

    /** {@return a conversation without title, persona or metadata} */
    public static NewConversation untitled() {
        return new NewConversation(null, null, Map.of());
    }

    /**
     * A conversation with a title only.
     *
     * @param title the title, non-blank, at most {@link Limits#TITLE_MAX} chars
     * @return the conversation to create
     * @throws InvalidInputException if {@code title} is null, blank, too long or not storable
     */
    public static NewConversation titled(String title) {
        return new NewConversation(Check.notNull("title", title), null, Map.of());
    }

    /**
     * A conversation with a persona only.
     *
     * @param personaName the persona's unique name
     * @return the conversation to create
     * @throws InvalidInputException if {@code personaName} is null, blank, too long or not storable
     */
    public static NewConversation withPersona(String personaName) {
        return new NewConversation(null, Check.notNull("personaName", personaName), Map.of());
    }

    /**
     * A copy with a title.
     *
     * @param newTitle the title, non-blank, at most {@link Limits#TITLE_MAX} chars
     * @return the copy
     * @throws InvalidInputException if {@code newTitle} is null, blank, too long or not storable
     */
    public NewConversation withTitle(String newTitle) {
        return new NewConversation(Check.notNull("title", newTitle), personaName, metadata, provider, model, systemPrompt, greet);
    }

    /**
     * A copy with a persona.
     *
     * @param newPersonaName the persona's unique name
     * @return the copy
     * @throws InvalidInputException if {@code newPersonaName} is null, blank, too long or not storable
     */
    public NewConversation withPersonaName(String newPersonaName) {
        return new NewConversation(title, Check.notNull("personaName", newPersonaName), metadata, provider, model, systemPrompt, greet);
    }

    /**
     * A copy with other metadata.
     *
     * @param newMetadata the metadata, a JSON object within {@link Limits#METADATA_MAX}
     * @return the copy
     * @throws InvalidInputException if {@code newMetadata} is null or not valid metadata
     */
    public NewConversation withMetadata(Map<String, ?> newMetadata) {
        return new NewConversation(title, personaName, Check.metadata("metadata", newMetadata), provider, model, systemPrompt, greet);
    }

    /**
     * A copy with a provider and a model.
     *
     * @param newProvider the provider id, non-blank
     * @param newModel    the model name, non-blank
     * @return the copy
     * @throws InvalidInputException if either is null, blank, too long or not storable
     */
    public NewConversation withModel(String newProvider, String newModel) {
        return new NewConversation(title, personaName, metadata, Check.notNull("provider", newProvider),
                Check.notNull("model", newModel), systemPrompt, greet);
    }

    /**
     * A copy with a system prompt.
     *
     * @param prompt the prompt, non-blank, at most {@link Limits#SYSTEM_PROMPT_MAX} chars
     * @return the copy
     * @throws InvalidInputException if {@code prompt} is null, blank, too long or not storable
     */
    public NewConversation withSystemPrompt(String prompt) {
        return new NewConversation(title, personaName, metadata, provider, model, Check.notNull("systemPrompt", prompt), greet);
    }

    /**
     * Start with the persona's greeting (when the conversation is created and the persona has one).
     *
     * @return the copy
     */
    public NewConversation withGreeting() {
        return new NewConversation(title, personaName, metadata, provider, model, systemPrompt, true);
    }
}
