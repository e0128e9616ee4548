package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.Map;

/**
 * What to create a conversation with. Validated on construction. Immutable; the {@code with…}
 * methods return copies.
 *
 * @param title     optional title (non-blank, at most {@link Limits#TITLE_MAX} chars)
 * @param personaId optional persona key; at most one conversation per user and persona
 * @param metadata  JSON metadata (see {@link Message#metadata()} for the allowed values)
 */
public record NewConversation(String title, String personaId, Map<String, Object> metadata) {
    public NewConversation {
        Check.optionalText("title", title, Limits.TITLE_MAX);
        Check.optionalText("personaId", personaId, Limits.PERSONA_ID_MAX);
        metadata = Check.metadata("metadata", metadata == null ? Map.of() : metadata);
    }

    public static NewConversation untitled() {
        return new NewConversation(null, null, Map.of());
    }

    public static NewConversation titled(String title) {
        return new NewConversation(Check.notNull("title", title), null, Map.of());
    }

    public static NewConversation withPersona(String personaId) {
        return new NewConversation(null, Check.notNull("personaId", personaId), Map.of());
    }

    public NewConversation withTitle(String newTitle) {
        return new NewConversation(Check.notNull("title", newTitle), personaId, metadata);
    }

    public NewConversation withPersonaId(String newPersonaId) {
        return new NewConversation(title, Check.notNull("personaId", newPersonaId), metadata);
    }

    public NewConversation withMetadata(Map<String, ?> newMetadata) {
        return new NewConversation(title, personaId, Check.metadata("metadata", newMetadata));
    }
}
