package io.swapdesk.platform;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdsTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123Z");

    /** A clock the test moves by hand, including backwards. */
    private static final class HandClock extends Clock {
        private volatile Instant instant;

        HandClock(Instant start) {
            this.instant = start;
        }

        void set(Instant newInstant) {
            this.instant = newInstant;
        }

        @Override
        public Instant instant() {
            return instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed by Ids");
        }
    }

    private static Ids fixedAt(Instant instant) {
        return new Ids(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void idsAreVersion7Variant10() {
        UUID id = fixedAt(NOW).next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);  // java.util.UUID reports the 10 variant as 2
        assertThat(id.toString().charAt(14)).isEqualTo('7');
        assertThat(id.toString().charAt(19)).isIn('8', '9', 'a', 'b');
    }

    @Test
    void timestampIsTheClocksUnixMilliseconds() {
        UUID id = fixedAt(NOW).next();
        assertThat(Ids.timestampOf(id)).isEqualTo(NOW.toEpochMilli());
        // The first 48 bits, as hex, are the milliseconds: RFC 9562 §5.7 layout.
        String hex = id.toString().replace("-", "");
        assertThat(Long.parseLong(hex.substring(0, 12), 16)).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void tenThousandIdsInOneMillisecondStrictlyIncrease() {
        Ids ids = fixedAt(NOW);
        UUID previous = ids.next();
        for (int i = 0; i < 10_000; i++) {
            UUID next = ids.next();
            assertThat(next).isGreaterThan(previous);
            // Text order too: databases and logs sort the string form.
            assertThat(next.toString()).isGreaterThan(previous.toString());
            previous = next;
        }
    }

    @Test
    void counterOverflowBorrowsOnlyAFewMillisecondsAhead() {
        Ids ids = fixedAt(NOW);
        UUID last = null;
        for (int i = 0; i < 10_000; i++) {
            last = ids.next();
        }
        // At least 2048 ids fit in each millisecond, so 10,000 need at most 5 more.
        assertThat(Ids.timestampOf(last)).isBetween(NOW.toEpochMilli(), NOW.toEpochMilli() + 5);
    }

    @Test
    void clockGoingBackwardsKeepsTheLastTimestampAndOrder() {
        HandClock clock = new HandClock(NOW);
        Ids ids = new Ids(clock);
        UUID beforeJump = ids.next();
        clock.set(NOW.minus(Duration.ofSeconds(5)));
        UUID afterJump = ids.next();
        assertThat(afterJump).isGreaterThan(beforeJump);
        assertThat(Ids.timestampOf(afterJump)).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void clockMovingForwardUsesTheNewTimestamp() {
        HandClock clock = new HandClock(NOW);
        Ids ids = new Ids(clock);
        UUID first = ids.next();
        clock.set(NOW.plusMillis(1));
        UUID second = ids.next();
        assertThat(second).isGreaterThan(first);
        assertThat(Ids.timestampOf(second)).isEqualTo(NOW.toEpochMilli() + 1);
    }

    @Test
    void randomBitsDifferBetweenInstances() {
        UUID a = fixedAt(NOW).next();
        UUID b = fixedAt(NOW).next();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void idsAreUniqueAndOrderedPerThreadUnderConcurrency() throws Exception {
        Ids ids = fixedAt(NOW);
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Collection<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> makeOrdered(ids, perThread, all)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).as("each thread sees strictly increasing ids").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).hasSize(threads * perThread);
    }

    private static boolean makeOrdered(Ids ids, int count, Set<UUID> sink) {
        List<UUID> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(ids.next());
        }
        sink.addAll(made);
        for (int i = 1; i < made.size(); i++) {
            if (made.get(i).compareTo(made.get(i - 1)) <= 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void newIdUsesTheSystemClock() {
        long before = System.currentTimeMillis();
        UUID id = Ids.newId();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(Ids.timestampOf(id)).isBetween(before, after + 5);
        assertThat(Ids.newId()).isGreaterThan(id);
    }

    @Test
    void timestampOfRejectsIdsThatAreNotVersion7() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ids.timestampOf(UUID.randomUUID()))
                .withMessageContaining("not a UUIDv7");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ids.timestampOf(UUID.fromString("00000000-0000-7000-0000-000000000000")))
                .withMessageContaining("variant 0");
    }

    @Test
    void clockOutsideThe48BitRangeIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> fixedAt(Instant.ofEpochMilli(1L << 48)).next());
        assertThatIllegalStateException().isThrownBy(() -> fixedAt(Instant.ofEpochMilli(-1)).next());
    }

    @Test
    void epochAndLargestTimestampAreRepresentable() {
        assertThat(Ids.timestampOf(fixedAt(Instant.EPOCH).next())).isZero();
        long largest = (1L << 48) - 1;
        assertThat(Ids.timestampOf(fixedAt(Instant.ofEpochMilli(largest)).next())).isEqualTo(largest);
    }
}
