package io.swapdesk.notifications.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The typed {@code notifications.ws.*} settings of {@code /ws}, each with a default (README: Configuration). An
 * invalid value throws at construction, naming the property, and so stops the deployment.
 */
@Dependent
public class StreamSettings {

    static final String MAX_SUBSCRIPTIONS = "notifications.ws.max-subscriptions";
    static final String MAX_BEHIND_MS = "notifications.ws.max-behind-ms";
    static final String MAX_PENDING_REPLIES = "notifications.ws.max-pending-replies";
    static final String FAN_OUT_THREADS = "notifications.ws.fan-out-threads";

    private final int maxSubscriptions;
    private final long maxBehindMillis;
    private final int maxPendingReplies;
    private final int fanOutThreads;

    /** For the CDI client proxy only. */
    protected StreamSettings() {
        this(name -> Optional.empty());
    }

    @Inject
    public StreamSettings(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    StreamSettings(Function<String, Optional<String>> lookup) {
        this.maxSubscriptions = (int) positive(lookup, MAX_SUBSCRIPTIONS, 100, 100_000);
        this.maxBehindMillis = positive(lookup, MAX_BEHIND_MS, 10_000, 3_600_000);
        this.maxPendingReplies = (int) positive(lookup, MAX_PENDING_REPLIES, 1000, 1_000_000);
        this.fanOutThreads = (int) positive(lookup, FAN_OUT_THREADS,
                defaultFanOutThreads(Runtime.getRuntime().availableProcessors()), 256);
    }

    /**
     * One fan-out thread per two cores, at least one. Half a send's time is the kernel's, and the rest of the server
     * (price refresh, replies, the collector) needs a core too: on two cores, one thread served 7,500 subscribers in
     * full under 100 ms in three rounds of three, two threads in one (docs/performance.md, twelfth run).
     */
    static int defaultFanOutThreads(int cores) {
        return Math.max(1, cores / 2);
    }

    static StreamSettings defaults() {
        return new StreamSettings(name -> Optional.empty());
    }

    /** Distinct subscriptions one connection may hold (a pair's prices, a pair's bars of one interval, account). */
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** A connection whose frames keep waiting longer than this is closed with 4001. */
    public long maxBehindMillis() {
        return maxBehindMillis;
    }

    /** Replies (to the client's own messages) waiting at most; beyond, the connection is closed with 4001. */
    public int maxPendingReplies() {
        return maxPendingReplies;
    }

    /** Threads that hand market updates to the connections, each serving a fixed share of them. */
    public int fanOutThreads() {
        return fanOutThreads;
    }

    private static long positive(Function<String, Optional<String>> lookup, String name, long fallback, long max) {
        Optional<String> text = lookup.apply(name).map(String::trim).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max + "; got " + text.get());
    }
}
