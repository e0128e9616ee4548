package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's SQL catalogs load completely, agree with their owners, and take a dialect's overrides. */
class SqlStatementsTest {
    private static final List<Class<? extends SqlStatement>> ALL = List.of(
            ConversationLedger.Sql.class, JdbcConversations.Sql.class, MessageRows.Sql.class, BranchReader.Sql.class,
            AttachmentLinks.Sql.class, JdbcAttachments.Sql.class, JdbcMemoryFacts.Sql.class, JdbcPersonas.Sql.class,
            JdbcProfile.Sql.class, UserData.Sql.class, JdbcSettings.Sql.class, JdbcProviderConfigs.Sql.class,
            JdbcSearchCache.Sql.class, JdbcUsage.Sql.class, StoreMaintenance.Sql.class);

    @Test
    void everyStatementOfEveryCatalogLoadsWithEveryPlaceholderResolved() {
        SqlStatements statements = SqlStatements.load(new TestDialect(null), ALL);
        for (Class<? extends SqlStatement> owner : ALL) {
            for (SqlStatement s : owner.getEnumConstants()) {
                assertThat(statements.get(s)).as("%s.%s", owner.getSimpleName(), s)
                        .isNotBlank().doesNotContain("${");
            }
        }
        assertThat(statements.get(MessageRows.Sql.BY_ID)).as("the message column list is substituted")
                .contains("m.conversation_id").contains("m.edited_at").contains("test_schema.message m");
    }

    @Test
    void aStatementTheOwnerDoesNotDeclareIsRefused() {
        assertThatThrownBy(() -> SqlStatements.load(new TestDialect(null), List.of(PartialLedger.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger.sql").hasMessageContaining("not declared by the owner")
                .hasMessageContaining("recordAppend");
    }

    @Test
    void aStatementMissingFromTheFileIsRefused() {
        assertThatThrownBy(() -> SqlStatements.load(new TestDialect(null), List.of(LedgerWithExtra.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing from the file [noSuchStatement]");
    }

    @Test
    void aDialectOverrideReplacesTheEngineStatementOfTheSameName() {
        SqlStatements statements = SqlStatements.load(new TestDialect("dev/chatstore/jdbc/testdialect/overrides"), ALL);
        assertThat(statements.get(ConversationLedger.Sql.EXISTS)).contains("/* test dialect */")
                .contains("test_schema.conversation");
        assertThat(statements.get(ConversationLedger.Sql.FIND)).as("other statements stay the engine's")
                .doesNotContain("test dialect");
    }

    @Test
    void anOverrideOfAStatementTheEngineDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> SqlStatements.load(new TestDialect("dev/chatstore/jdbc/testdialect/bad"), ALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("noSuchStatement");
    }

    @Test
    void statementNamesFollowTheEnumConstants() {
        assertThat(MessageRows.Sql.BY_CLIENT_MESSAGE_ID.statementName()).isEqualTo("byClientMessageId");
        assertThat(ConversationLedger.Sql.LOCK.statementName()).isEqualTo("lock");
    }

    /** Declares only part of ledger.sql. */
    private enum PartialLedger implements SqlStatement {
        FIND, EXISTS, LOCK, RECORD_DELETE, SET_TIP, REFRESH_PREVIEW, MARK_READ;

        @Override
        public String catalog() {
            return "ledger";
        }
    }

    /** Declares a statement ledger.sql does not have. */
    private enum LedgerWithExtra implements SqlStatement {
        FIND, EXISTS, LOCK, RECORD_APPEND, RECORD_DELETE, SET_TIP, REFRESH_PREVIEW, MARK_READ, NO_SUCH_STATEMENT;

        @Override
        public String catalog() {
            return "ledger";
        }
    }
}
