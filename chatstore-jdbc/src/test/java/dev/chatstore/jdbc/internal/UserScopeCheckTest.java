package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.jdbc.UserScopeCheck;
import org.junit.jupiter.api.Test;

/**
 * Every statement of the engine's catalogs that names a user's table constrains user_id for it (the rule and its
 * deliberate exceptions are in {@link UserScopeCheck}). When it fails, the message names the statement
 * ({@code catalog.name}) and the table: add the user_id condition, or, for a statement that must work over every
 * user, list it in {@link UserScopeCheck#ACROSS_USERS} with the reason.
 */
class UserScopeCheckTest {
    @Test
    void everyStatementOfTheEngineKeepsToOneUser() {
        assertThat(UserScopeCheck.violations(new TestDialect(null)))
                .as("statements naming a user's table without constraining its user_id").isEmpty();
    }

    @Test
    void theRuleFindsATableNotConstrainedByUserId() {
        assertThat(UserScopeCheck.check("SELECT m.id FROM s.message m WHERE m.conversation_id = :c")).hasSize(1);
        assertThat(UserScopeCheck.check("SELECT m.id FROM s.message m JOIN s.conversation c ON c.id = m.conversation_id"
                + " WHERE c.user_id = :u")).as("the join does not carry user_id to message").hasSize(1);
        assertThat(UserScopeCheck.check("SELECT m.id FROM s.message m JOIN s.conversation c ON c.user_id = m.user_id"
                + " AND c.id = m.conversation_id WHERE c.user_id = :u")).isEmpty();
        assertThat(UserScopeCheck.check("DELETE FROM s.setting WHERE key = :k")).hasSize(1);
        assertThat(UserScopeCheck.check("DELETE FROM s.setting WHERE user_id = :u AND key = :k")).isEmpty();
        assertThat(UserScopeCheck.check("INSERT INTO s.setting (user_id, key) VALUES (:u, :k)")).isEmpty();
        assertThat(UserScopeCheck.check("SELECT p.id FROM s.persona p WHERE p.id = :id")).as("a store-wide table").isEmpty();
    }
}
