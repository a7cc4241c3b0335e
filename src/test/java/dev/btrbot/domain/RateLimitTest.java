package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    static final Instant NOW = Instant.parse("2021-02-01T10:00:00Z");

    @Test
    void aChangeIsAllowedUntilTheLimitIsReachedWithinTheWindow() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(10));
        List<Instant> two = List.of(NOW.minusSeconds(60), NOW.minusSeconds(30));
        assertThat(limit.nextAllowed(two, NOW)).isEmpty();
        List<Instant> three = List.of(NOW.minusSeconds(90), NOW.minusSeconds(60), NOW.minusSeconds(30));
        assertThat(limit.nextAllowed(three, NOW)).contains(NOW.minusSeconds(90).plus(Duration.ofMinutes(10)));
    }

    @Test
    void changesOlderThanTheWindowDoNotCount() {
        RateLimit limit = new RateLimit(2, Duration.ofMinutes(10));
        assertThat(limit.nextAllowed(List.of(NOW.minus(Duration.ofMinutes(10)), NOW.minusSeconds(1)), NOW)).isEmpty();
    }

    @Test
    void farOverTheLimitWaitsUntilEnoughHaveLeftTheWindow() {
        RateLimit limit = RateLimit.perHour(2);
        List<Instant> five = IntStream.range(0, 5).mapToObj(i -> NOW.minusSeconds(600 - i * 60L)).toList();
        // the 4th of 5 must leave: 09:53 + 1 h
        assertThat(limit.nextAllowed(five, NOW)).contains(Instant.parse("2021-02-01T10:53:00Z"));
        assertThat(limit.windowText()).isEqualTo("hour");
        assertThat(RateLimit.NONE.nextAllowed(five, NOW)).isEmpty();
    }
}
