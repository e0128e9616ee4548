package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SearchCacheKeyTest {

    @Test
    void normalisingTrimsCollapsesFoldsCompatibilityFormsAndLowercases() {
        assertThat(JdbcSearchCache.normalise("  Hello   WORLD ")).isEqualTo("hello world");
        assertThat(JdbcSearchCache.normalise("hello\t\n world")).isEqualTo("hello world");
        assertThat(JdbcSearchCache.normalise("\u00A0Ｈｅｌｌｏ\u3000ｗｏｒｌｄ\u00A0")).as("NFKC: full-width, no-break and ideographic spaces")
                .isEqualTo("hello world");
        assertThat(JdbcSearchCache.normalise("ﬁle")).as("NFKC ligature").isEqualTo("file");
        assertThat(JdbcSearchCache.normalise("ÉCOLE")).isEqualTo("école");
    }

    @Test
    void theHashIsSha256HexOfTheNormalisedQuery() {
        assertThat(JdbcSearchCache.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(JdbcSearchCache.hash(JdbcSearchCache.normalise(" ABC ")))
                .isEqualTo(JdbcSearchCache.hash("abc"));
    }

    @Test
    void aQueryBlankAfterNormalisingIsInvalid() {
        assertThatThrownBy(() -> JdbcSearchCache.normalise("\u00A0\u3000"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).argument()).isEqualTo("query");
    }

    @Test
    void expiryRoundsUpToMillisAndIsCapped() {
        Instant now = Instant.parse("2025-06-01T12:00:00.123Z");
        assertThat(JdbcSearchCache.expiry(now, Duration.ofMinutes(5))).isEqualTo(now.plusSeconds(300));
        assertThat(JdbcSearchCache.expiry(now, Duration.ofNanos(1))).isEqualTo(now.plusMillis(1));
        assertThat(JdbcSearchCache.expiry(now, Duration.ofDays(365L * 20_000))).isEqualTo(JdbcSearchCache.LATEST_EXPIRY);
        assertThat(JdbcSearchCache.expiry(now, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(JdbcSearchCache.LATEST_EXPIRY);
    }
}
