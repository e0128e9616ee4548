package dev.chatstore.jdbc;

import dev.chatstore.jdbc.internal.StoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static check of the engine's SQL: every statement that names a user's table constrains {@code user_id} for it, so
 * it reads or writes one user's rows (and, on a database distributed by {@code user_id}, goes to one node). Each
 * backend's tests call {@link #violations} with its dialect, so its overrides are checked as it renders them.
 *
 * <p>The rule, on the statement's text (comments dropped, case ignored): each occurrence of a user's table after
 * {@code FROM}, {@code JOIN}, {@code UPDATE}, {@code INTO} or a comma of a {@code FROM} list, with its alias if it has
 * one, is constrained when the statement has {@code alias.user_id} compared with {@code =} or {@code IN} (either side,
 * so a join on user_id counts), or, for a table named without an alias, a bare {@code user_id =} / {@code user_id IN};
 * an {@code INSERT INTO table (...)} is constrained when its column list has user_id (the row carries its user). The
 * rule reads text, not a parse tree: it checks that each table is tied to user_id, not where the value comes from.
 * Statements that work over every user on purpose are listed in {@link #ACROSS_USERS} with the reason.
 */
public final class UserScopeCheck {
    /** The tables that hold a user's rows (distributed by user_id); the others are store-wide. */
    public static final Set<String> USER_TABLES = Set.of("conversation", "message", "attachment", "message_attachment",
            "conversation_attachment", "memory_fact", "user_profile", "setting", "provider_config", "search_cache",
            "embedding_model", "embedding");

    /** Statements that work over every user on purpose, each with its reason. */
    public static final Map<String, String> ACROSS_USERS = Map.ofEntries(
            Map.entry("maintenance.statistics", "store-wide statistics for operators: counts over every user"),
            Map.entry("maintenance.secretsNotUnderKey", "key rotation: every user's API keys not yet under the current"
                    + " key (provider_config_by_key_id), re-encrypted row by row with user_id"),
            Map.entry("maintenance.purgeExpiredSearchCache", "retention: deletes the expired cache entries of every user"),
            Map.entry("attachment.expiredOrphans", "retention: pages through every user's orphaned files to purge them"
                    + " (each is then deleted in its user's transaction, isExpiredOrphan with user_id)"),
            Map.entry("conversation.inactiveBefore", "retention: pages through every user's inactive conversations to"
                    + " archive them (each then in its user's transaction, archiveIfInactive with user_id)"),
            Map.entry("conversation.archivedBefore", "retention: pages through every user's archived conversations to"
                    + " delete them (each then in its user's transaction, deleteIfArchivedBefore with user_id)"));

    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(from|join|update|into|,)\\s+(?:[\\w\"]+\\.)?(\\w+)\\b(?:\\s+(?:as\\s+)?(\\w+))?");
    private static final Set<String> NOT_ALIASES = Set.of("where", "set", "on", "join", "left", "inner", "cross",
            "order", "group", "limit", "using", "natural", "values", "select", "returning", "union", "default", "as");

    private UserScopeCheck() {
    }

    /**
     * @param dialect the dialect whose rendering of the catalogs to check
     * @return one line per table occurrence that is not constrained by user_id, naming the statement; empty when every
     *         statement keeps to one user, apart from {@link #ACROSS_USERS}
     */
    public static List<String> violations(Dialect dialect) {
        List<String> found = new ArrayList<>();
        Map<String, String> rendered = StoreContext.renderedStatements(dialect);
        ACROSS_USERS.keySet().stream().filter(name -> !rendered.containsKey(name)).sorted()
                .forEach(name -> found.add(name + ": listed as working across users, but no such statement"));
        for (Map.Entry<String, String> statement : rendered.entrySet()) {
            if (ACROSS_USERS.containsKey(statement.getKey())) {
                continue;
            }
            for (String problem : check(statement.getValue())) {
                found.add(statement.getKey() + ": " + problem);
            }
        }
        return found;
    }

    /** Every statement of the engine's catalogs as {@code dialect} renders it, by {@code catalog.statementName}. */
    public static Map<String, String> statements(Dialect dialect) {
        return StoreContext.renderedStatements(dialect);
    }

    /** The unconstrained table occurrences of one statement. */
    public static List<String> check(String sql) {
        String text = COMMENT.matcher(sql).replaceAll(" ").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        List<String> problems = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        int from = 0;
        while (m.find(from)) {
            from = m.end(2); // the word taken for an alias may be the next keyword
            String keyword = m.group(1);
            String table = m.group(2);
            if (!USER_TABLES.contains(table)) {
                continue;
            }
            String alias = m.group(3) == null || NOT_ALIASES.contains(m.group(3)) ? null : m.group(3);
            if (keyword.equals("into") && alias == null) {
                int open = text.indexOf('(', m.end() - 1);
                int close = open < 0 ? -1 : text.indexOf(')', open);
                if (open >= 0 && close > open && text.substring(m.end(), open).isBlank()
                        && text.substring(open, close).matches(".*\\buser_id\\b.*")) {
                    continue;
                }
            }
            if (alias != null && constrains(text, Pattern.quote(alias) + "\\.user_id")) {
                continue;
            }
            if (alias == null && (constrains(text, "(?<![\\w.])user_id") || constrains(text, Pattern.quote(table) + "\\.user_id"))) {
                continue;
            }
            problems.add(table + (alias == null ? "" : " " + alias) + " (after " + keyword + ") is not constrained by user_id");
        }
        return problems;
    }

    private static boolean constrains(String text, String column) {
        return Pattern.compile(column + "\\s*(=|\\bin\\b)").matcher(text).find()
                || Pattern.compile("=\\s*" + column + "\\b").matcher(text).find();
    }
}
