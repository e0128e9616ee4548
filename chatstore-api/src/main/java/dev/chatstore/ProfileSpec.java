package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * Profile fields to set. Validated on construction. Immutable.
 *
 * @param email       unique across users (compared as given), or null for none
 * @param displayName or null
 */
public record ProfileSpec(String email, String displayName, boolean active) {
    public ProfileSpec {
        Check.optionalText("email", email, Limits.EMAIL_MAX);
        if (email != null && (email.indexOf('@') <= 0 || email.indexOf('@') == email.length() - 1 || email.strip().length() != email.length())) {
            throw new InvalidInputException("email", "is not an email address: " + email);
        }
        Check.optionalText("displayName", displayName, Limits.DISPLAY_NAME_MAX);
    }

    public static ProfileSpec named(String displayName) {
        return new ProfileSpec(null, Check.notNull("displayName", displayName), true);
    }

    public ProfileSpec withEmail(String newEmail) {
        return new ProfileSpec(Check.notNull("email", newEmail), displayName, active);
    }

    public ProfileSpec inactive() {
        return new ProfileSpec(email, displayName, false);
    }
}
