package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * Profile fields to set. Validated on construction. Immutable.
 *
 * @param email       unique across users (compared as given), or null for none
 * @param displayName the name to show (non-blank, at most {@link Limits#DISPLAY_NAME_MAX} chars), or null
 * @param active      whether the account is active
 */
public record ProfileSpec(String email, String displayName, boolean active) {
    /**
     * Validates the fields.
     *
     * @param email       the email address, or null
     * @param displayName the display name, or null
     * @param active      whether the account is active
     * @throws InvalidInputException if {@code email} is blank, longer than {@link Limits#EMAIL_MAX}, not storable or
     *                               not an address (an {@code @} with text on both sides, no surrounding spaces), or
     *                               {@code displayName} is blank, too long or not storable
     */
    public ProfileSpec {
        Check.optionalText("email", email, Limits.EMAIL_MAX);
        if (email != null && (email.indexOf('@') <= 0 || email.indexOf('@') == email.length() - 1 || email.strip().length() != email.length())) {
            throw new InvalidInputException("email", "is not an email address: " + email);
        }
        Check.optionalText("displayName", displayName, Limits.DISPLAY_NAME_MAX);
    }

    /**
     * An active profile with a display name and no email.
     *
     * @param displayName the name to show, non-blank
     * @return the spec
     * @throws InvalidInputException if {@code displayName} is null, blank, too long or not storable
     */
    public static ProfileSpec named(String displayName) {
        return new ProfileSpec(null, Check.notNull("displayName", displayName), true);
    }

    /**
     * A copy with an email address.
     *
     * @param newEmail the address, unique across users
     * @return the copy
     * @throws InvalidInputException if {@code newEmail} is null or not a valid address
     */
    public ProfileSpec withEmail(String newEmail) {
        return new ProfileSpec(Check.notNull("email", newEmail), displayName, active);
    }

    /** {@return a copy with the active flag cleared} */
    public ProfileSpec inactive() {
        return new ProfileSpec(email, displayName, false);
    }
}
