package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.List;

/**
 * A persona to create or update by {@link #name()}. Validated on construction. Immutable; the
 * {@code with…} methods return copies.
 */
public record PersonaSpec(
        String name,
        String displayName,
        String avatarUrl,
        String description,
        String category,
        String systemInstructions,
        List<String> personalityTraits,
        List<String> suggestedOpeners,
        String greeting,
        PersonaStatus status) {
    public PersonaSpec {
        Check.text("name", name, Limits.PERSONA_NAME_MAX);
        Check.text("displayName", displayName, Limits.DISPLAY_NAME_MAX);
        Check.optionalText("avatarUrl", avatarUrl, Limits.URL_MAX);
        Check.optionalText("description", description, Limits.PERSONA_TEXT_MAX);
        Check.optionalText("category", category, Limits.DISPLAY_NAME_MAX);
        Check.text("systemInstructions", systemInstructions, Limits.PERSONA_TEXT_MAX);
        personalityTraits = textList("personalityTraits", personalityTraits);
        suggestedOpeners = textList("suggestedOpeners", suggestedOpeners);
        Check.optionalText("greeting", greeting, Limits.CONTENT_MAX);
        status = status == null ? PersonaStatus.ACTIVE : status;
    }

    /** An active persona with no optional fields. */
    public static PersonaSpec of(String name, String displayName, String systemInstructions) {
        return new PersonaSpec(name, displayName, null, null, null, systemInstructions, List.of(), List.of(), null,
                PersonaStatus.ACTIVE);
    }

    public PersonaSpec withAvatarUrl(String url) {
        return new PersonaSpec(name, displayName, url, description, category, systemInstructions, personalityTraits,
                suggestedOpeners, greeting, status);
    }

    public PersonaSpec withDescription(String text) {
        return new PersonaSpec(name, displayName, avatarUrl, text, category, systemInstructions, personalityTraits,
                suggestedOpeners, greeting, status);
    }

    public PersonaSpec withCategory(String newCategory) {
        return new PersonaSpec(name, displayName, avatarUrl, description, newCategory, systemInstructions,
                personalityTraits, suggestedOpeners, greeting, status);
    }

    public PersonaSpec withSystemInstructions(String text) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, text, personalityTraits,
                suggestedOpeners, greeting, status);
    }

    public PersonaSpec withPersonalityTraits(List<String> traits) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                Check.notNull("personalityTraits", traits), suggestedOpeners, greeting, status);
    }

    public PersonaSpec withSuggestedOpeners(List<String> openers) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                personalityTraits, Check.notNull("suggestedOpeners", openers), greeting, status);
    }

    public PersonaSpec withGreeting(String text) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                personalityTraits, suggestedOpeners, Check.notNull("greeting", text), status);
    }

    public PersonaSpec withStatus(PersonaStatus newStatus) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                personalityTraits, suggestedOpeners, greeting, Check.notNull("status", newStatus));
    }

    private static List<String> textList(String arg, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > Limits.PERSONA_LIST_MAX) {
            throw new InvalidInputException(arg, values.size() + " exceeds the maximum of " + Limits.PERSONA_LIST_MAX);
        }
        return values.stream().map(v -> Check.text(arg, v, Limits.DISPLAY_NAME_MAX * 4)).toList();
    }
}
