package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.List;

/**
 * A persona to create or update by {@link #name()}. Validated on construction. Immutable; the
 * {@code with…} methods return copies.
 *
 * @param name               the unique name conversations refer to: non-blank, at most {@link Limits#PERSONA_NAME_MAX}
 *                           chars
 * @param displayName        the name shown to users: non-blank, at most {@link Limits#DISPLAY_NAME_MAX} chars
 * @param avatarUrl          the URL of its picture (at most {@link Limits#URL_MAX} chars), or null
 * @param description        what it is about (at most {@link Limits#PERSONA_TEXT_MAX} chars), or null
 * @param category           a grouping for catalogues (at most {@link Limits#DISPLAY_NAME_MAX} chars), or null
 * @param systemInstructions the system prompt: non-blank, at most {@link Limits#PERSONA_TEXT_MAX} chars
 * @param personalityTraits  short trait words, in order: at most {@link Limits#PERSONA_LIST_MAX}, each non-blank and
 *                           at most 1,020 chars; null is taken as none
 * @param suggestedOpeners   conversation starters, in order, with the same limits; null is taken as none
 * @param greeting           the first assistant message of a new conversation (at most {@link Limits#CONTENT_MAX}
 *                           chars), or null
 * @param status             whether conversations can start with it; null is taken as {@link PersonaStatus#ACTIVE}
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
    /**
     * Validates the fields and fills in the defaults.
     *
     * @param name               the unique name
     * @param displayName        the name shown to users
     * @param avatarUrl          the picture's URL, or null
     * @param description        the description, or null
     * @param category           the category, or null
     * @param systemInstructions the system prompt
     * @param personalityTraits  the traits, or null
     * @param suggestedOpeners   the openers, or null
     * @param greeting           the greeting, or null
     * @param status             the status, or null for active
     * @throws InvalidInputException naming the field that is missing, blank, too long or not storable, or a list
     *                               that is too long
     */
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

    /**
     * An active persona with no optional fields.
     *
     * @param name               the unique name
     * @param displayName        the name shown to users
     * @param systemInstructions the system prompt
     * @return the spec
     * @throws InvalidInputException naming the argument that is null, blank, too long or not storable
     */
    public static PersonaSpec of(String name, String displayName, String systemInstructions) {
        return new PersonaSpec(name, displayName, null, null, null, systemInstructions, List.of(), List.of(), null,
                PersonaStatus.ACTIVE);
    }

    /**
     * A copy with another avatar URL.
     *
     * @param url the URL, or null for none
     * @return the copy
     * @throws InvalidInputException if {@code url} is blank, too long or not storable
     */
    public PersonaSpec withAvatarUrl(String url) {
        return new PersonaSpec(name, displayName, url, description, category, systemInstructions, personalityTraits,
                suggestedOpeners, greeting, status);
    }

    /**
     * A copy with another description.
     *
     * @param text the description, or null for none
     * @return the copy
     * @throws InvalidInputException if {@code text} is blank, too long or not storable
     */
    public PersonaSpec withDescription(String text) {
        return new PersonaSpec(name, displayName, avatarUrl, text, category, systemInstructions, personalityTraits,
                suggestedOpeners, greeting, status);
    }

    /**
     * A copy with another category.
     *
     * @param newCategory the category, or null for none
     * @return the copy
     * @throws InvalidInputException if {@code newCategory} is blank, too long or not storable
     */
    public PersonaSpec withCategory(String newCategory) {
        return new PersonaSpec(name, displayName, avatarUrl, description, newCategory, systemInstructions,
                personalityTraits, suggestedOpeners, greeting, status);
    }

    /**
     * A copy with other system instructions.
     *
     * @param text the system prompt, non-blank
     * @return the copy
     * @throws InvalidInputException if {@code text} is null, blank, too long or not storable
     */
    public PersonaSpec withSystemInstructions(String text) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, text, personalityTraits,
                suggestedOpeners, greeting, status);
    }

    /**
     * A copy with other personality traits.
     *
     * @param traits the traits, in order
     * @return the copy
     * @throws InvalidInputException if {@code traits} is null, too long, or holds an invalid entry
     */
    public PersonaSpec withPersonalityTraits(List<String> traits) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                Check.notNull("personalityTraits", traits), suggestedOpeners, greeting, status);
    }

    /**
     * A copy with other suggested openers.
     *
     * @param openers the openers, in order
     * @return the copy
     * @throws InvalidInputException if {@code openers} is null, too long, or holds an invalid entry
     */
    public PersonaSpec withSuggestedOpeners(List<String> openers) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                personalityTraits, Check.notNull("suggestedOpeners", openers), greeting, status);
    }

    /**
     * A copy with a greeting.
     *
     * @param text the greeting, non-blank
     * @return the copy
     * @throws InvalidInputException if {@code text} is null, blank, too long or not storable
     */
    public PersonaSpec withGreeting(String text) {
        return new PersonaSpec(name, displayName, avatarUrl, description, category, systemInstructions,
                personalityTraits, suggestedOpeners, Check.notNull("greeting", text), status);
    }

    /**
     * A copy with another status.
     *
     * @param newStatus the status, not null
     * @return the copy
     * @throws InvalidInputException if {@code newStatus} is null
     */
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
