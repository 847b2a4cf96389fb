package io.swapdesk.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562 §5.7): a 48-bit Unix-millisecond timestamp, version 7, a 12-bit
 * {@code rand_a}, the variant bits 10 and a 62-bit random {@code rand_b}. They sort by creation
 * time, so they index well and tell roughly when a row was made.
 *
 * <p>Ids from one instance are strictly increasing, even within one millisecond: {@code rand_a} is
 * a counter (RFC 9562 §6.2, method 1) seeded randomly with its top bit clear, leaving at least
 * 2048 increments per millisecond. If it still overflows, the timestamp moves one millisecond ahead
 * of the clock (§6.2 allows this). If the clock goes backwards, the last timestamp is kept and the
 * counter continues, so order survives NTP corrections. Thread-safe.
 */
public final class Ids {

    private static final Ids DEFAULT = new Ids(Clock.systemUTC());

    private static final int COUNTER_SEED_BOUND = 1 << 11;
    private static final int COUNTER_MAX = (1 << 12) - 1;
    private static final long MAX_TIMESTAMP = (1L << 48) - 1;
    private static final long VERSION_7 = 0x7L << 12;
    private static final long VARIANT_10 = 0x8000_0000_0000_0000L;
    private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    // Guarded by this: the last (timestamp, counter) handed out.
    private long lastMillis = -1;
    private int counter;

    /** An id source reading the given clock; tests pass a fixed or hand-moved clock. */
    public Ids(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new id from the shared, system-clock instance. */
    public static UUID newId() {
        return DEFAULT.next();
    }

    /** A new id, greater than every id this instance made before. */
    public UUID next() {
        long mostSignificant;
        synchronized (this) {
            advance();
            mostSignificant = (lastMillis << 16) | VERSION_7 | counter;
        }
        // rand_b needs no ordering, so it is drawn outside the lock.
        long leastSignificant = VARIANT_10 | (random.nextLong() & RAND_B_MASK);
        return new UUID(mostSignificant, leastSignificant);
    }

    /**
     * The Unix-millisecond timestamp inside a UUIDv7.
     *
     * @throws IllegalArgumentException if the id is not a version 7, variant 10 UUID
     */
    public static long timestampOf(UUID id) {
        if (id.version() != 7 || id.variant() != 2) {
            throw new IllegalArgumentException("not a UUIDv7 (version " + id.version() + ", variant " + id.variant()
                    + "): " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }

    private void advance() {
        long now = clock.millis();
        if (now < 0 || now > MAX_TIMESTAMP) {
            throw new IllegalStateException("clock reads " + now + " ms, outside the 48-bit UUIDv7 timestamp range");
        }
        if (now > lastMillis) {
            lastMillis = now;
            counter = random.nextInt(COUNTER_SEED_BOUND);
        } else if (counter < COUNTER_MAX) {
            counter++;
        } else {
            lastMillis++;
            counter = random.nextInt(COUNTER_SEED_BOUND);
        }
    }
}
