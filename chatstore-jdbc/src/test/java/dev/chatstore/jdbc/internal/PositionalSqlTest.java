package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PositionalSqlTest {
    private static final String INSERT = "INSERT INTO t (a, b, c, d) VALUES (:a, :b, lower(:a), FALSE)";

    /** A statement that records what is set at which position. */
    private static PreparedStatement recording(Map<Integer, Object> set) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("set")) {
                        set.put((Integer) args[0], args[1]);
                    }
                    return null;
                });
    }

    @Test
    void aNameIsSetAtEachOfItsPositions() throws Exception {
        PositionalSql sql = PositionalSql.parse(INSERT, new TestDialect(null));
        Map<Integer, Object> set = new TreeMap<>();
        sql.set(recording(set), "a", "x").set(recording(set), "b", 7L);
        assertThat(sql.sql()).isEqualTo("INSERT INTO t (a, b, c, d) VALUES (?, ?, lower(?), FALSE)");
        assertThat(set).isEqualTo(Map.of(1, "x", 2, 7L, 3, "x"));
    }

    @Test
    void rowsOfAMultiRowInsertBindTheirOwnPositions() throws Exception {
        PositionalSql three = PositionalSql.parse(INSERT, new TestDialect(null)).withRows(3);
        assertThat(three.sql()).isEqualTo("INSERT INTO t (a, b, c, d) VALUES (?, ?, lower(?), FALSE), "
                + "(?, ?, lower(?), FALSE), (?, ?, lower(?), FALSE)");
        Map<Integer, Object> set = new TreeMap<>();
        for (int r = 0; r < 3; r++) {
            three.row(r).set(recording(set), "a", "a" + r).set(recording(set), "b", (long) r);
        }
        assertThat(set).isEqualTo(Map.of(1, "a0", 2, 0L, 3, "a0", 4, "a1", 5, 1L, 6, "a1", 7, "a2", 8, 2L, 9, "a2"));
    }

    @Test
    void onlyAnInsertOfOneValuesRowTakesMoreRows() {
        assertThatThrownBy(() -> PositionalSql.parse(INSERT + " ON CONFLICT (a) DO NOTHING", new TestDialect(null)).withRows(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PositionalSql.parse("UPDATE t SET a = :a WHERE b = :b", new TestDialect(null)).withRows(2))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnknownNameIsRefused() {
        PositionalSql sql = PositionalSql.parse(INSERT, new TestDialect(null));
        assertThatThrownBy(() -> sql.set(recording(new TreeMap<>()), "nope", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(":nope");
    }
}
