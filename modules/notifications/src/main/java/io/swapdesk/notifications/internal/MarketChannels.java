package io.swapdesk.notifications.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Charts;
import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceUnavailable;
import io.swapdesk.pricing.PriceUpdated;
import io.swapdesk.pricing.Prices;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public market channels of {@code /ws}: who is subscribed to what, the snapshot on subscribe, and the fan-out
 * of every price update and live bar to the subscribers.
 *
 * <p><b>Threads.</b> {@link #on} runs on the price refresh thread (after the charts module has applied the tick, by
 * its observer priority). It builds each frame once and hands it to the fan-out threads, one task per thread, and
 * returns: the refresh never waits for a client. Connections are striped over the fan-out threads by id, so every
 * connection's updates are handed over by one thread in the order they happened. Handing over is putting the frame
 * in the connection's {@link Outbound} (which keeps it, coalescing by key, only while a send is in flight), which
 * never blocks; the connections that now wait for a sender are then sent to, each with the frame handed over to it,
 * in a round on a virtual thread ({@link SendRounds}), which a stuck send cannot hold up for the others. A watchdog
 * closes connections that stay behind past {@code notifications.ws.max-behind-ms} with 4001.
 */
@ApplicationScoped
public class MarketChannels {

    private static final Logger LOG = Logger.getLogger(MarketChannels.class.getName());
    private static final int FAN_OUT_QUEUE = 10_000;
    /** How often stuck send rounds are looked for: a client that stops reading delays others about twice this. */
    private static final long ROUND_CHECK_MILLIS = 10;

    private final Prices prices;
    private final Charts charts;
    private final StreamSettings settings;
    private final Map<Topic, Subscribers> subscribers = new ConcurrentHashMap<>();
    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    /** The last live bar handed out per bars topic: when the next bar starts it is sent once more, closed. */
    private final Map<Topic.Bars, Bar> lastBars = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder tooSlow = new LongAdder();
    private final LongAdder fanOutDropped = new LongAdder();
    private final SendRounds rounds = new SendRounds(Thread.ofVirtual().name("ws-send").factory());
    private ExecutorService[] fanOut;
    private ScheduledExecutorService watchdog;

    /** For the CDI client proxy only. */
    protected MarketChannels() {
        this.prices = null;
        this.charts = null;
        this.settings = null;
    }

    @Inject
    public MarketChannels(Prices prices, Charts charts, StreamSettings settings) {
        this.prices = prices;
        this.charts = charts;
        this.settings = settings;
    }

    @PostConstruct
    void start() {
        fanOut = new ExecutorService[settings.fanOutThreads()];
        for (int i = 0; i < fanOut.length; i++) {
            fanOut[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(FAN_OUT_QUEUE),
                    Thread.ofPlatform().name("ws-fan-out-" + i).daemon().factory());
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ws-watchdog").daemon()
                .factory());
        long period = Math.max(50, Math.min(1000, settings.maxBehindMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::closeTooSlow, period, period, TimeUnit.MILLISECONDS);
        watchdog.scheduleWithFixedDelay(this::checkRounds, ROUND_CHECK_MILLIS, ROUND_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Never throws: a task scheduled with a fixed delay that throws is cancelled for good, without a word, and a
     * round stuck behind a client that does not read would then hold every connection after it.
     */
    private void checkRounds() {
        try {
            rounds.check();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "checking the WebSocket send rounds failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (fanOut != null) {
            for (ExecutorService thread : fanOut) {
                thread.shutdownNow();
            }
        }
    }

    /** A new connection; its frames leave through {@code transport}. */
    StreamConnection open(Outbound.Transport transport) {
        long id = ids.incrementAndGet();
        StreamConnection connection = new StreamConnection(id, (int) (id % settings.fanOutThreads()),
                new Outbound(transport, System::nanoTime, settings.maxPendingReplies()));
        connections.add(connection);
        return connection;
    }

    /** The connection is gone: no more frames, no subscriptions. */
    void closed(StreamConnection connection) {
        connection.outbound().closed();
        connections.remove(connection);
        for (Topic topic : List.copyOf(connection.topics())) {
            unsubscribe(connection, topic);
        }
    }

    Prices prices() {
        return prices;
    }

    StreamSettings settings() {
        return settings;
    }

    /** Subscribes, then queues the snapshot: updates from now on follow it (or replace it, if newer). */
    void subscribe(StreamConnection connection, Topic topic) {
        if (!connection.topics().add(topic)) {
            snapshot(connection, topic);
            return;
        }
        Subscribers ofTopic = subscribers.computeIfAbsent(topic, key -> new Subscribers(settings.fanOutThreads()));
        ofTopic.add(connection);
        if (connection.outbound().isClosed()) {
            // Closed on another thread meanwhile (a watchdog, a failed send): closed() marks the connection first,
            // then drops its topics, and may have been through them before this one was added.
            connection.topics().remove(topic);
            ofTopic.remove(connection);
            return;
        }
        snapshot(connection, topic);
    }

    void unsubscribe(StreamConnection connection, Topic topic) {
        if (connection.topics().remove(topic)) {
            Subscribers current = subscribers.get(topic);
            if (current != null) {
                current.remove(connection);
            }
        }
    }

    int connectionCount() {
        return connections.size();
    }

    /** Subscriptions of one kind ({@link Topic.Prices} or {@link Topic.Bars}) over every connection. */
    int subscriptionCount(Class<? extends Topic> kind) {
        int count = 0;
        for (Map.Entry<Topic, Subscribers> topic : subscribers.entrySet()) {
            if (kind.isInstance(topic.getKey())) {
                count += topic.getValue().size();
            }
        }
        return count;
    }

    long closedAsTooSlow() {
        return tooSlow.sum();
    }

    /** Updates the fan-out threads could not take (shutting down, or 10,000 updates behind): nobody was sent them. */
    long fanOutDropped() {
        return fanOutDropped.sum();
    }

    /** Threads started for send rounds that did not move for a check (a client that does not read, or no free core). */
    long roundHelpersStarted() {
        return rounds.helpersStarted();
    }

    private void snapshot(StreamConnection connection, Topic topic) {
        switch (topic) {
            case Topic.Prices price -> connection.outbound().offer(MarketMessages.priceKey(price.pair()),
                    MarketMessages.priceSnapshot(prices.status(price.pair())));
            // The live bar, as the updates that follow carry it; between a bar's close and the next tick, the bar
            // that closed (a chart then shows where the pair stood). From memory: a subscribe costs no query.
            case Topic.Bars bars -> charts.latestBar(bars.pair(), bars.interval()).ifPresent(bar ->
                    connection.outbound().offer(MarketMessages.barKey(bar), MarketMessages.bar(bar, true)));
        }
    }

    /**
     * Synchronous on the price refresh thread, after the charts module's observer (default priority) has added the
     * tick to the live bars: build the frames once, hand them to the fan-out threads, return.
     */
    void on(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) PriceUpdated tick) {
        List<Delivery> deliveries = new ArrayList<>(2);
        Subscribers pricesOfPair = subscribers.get(new Topic.Prices(tick.pair()));
        if (pricesOfPair != null && !pricesOfPair.isEmpty()) {
            deliveries.add(new Delivery(pricesOfPair, MarketMessages.priceKey(tick.pair()),
                    MarketMessages.price(tick)));
        }
        for (Interval interval : Interval.values()) {
            Topic.Bars topic = new Topic.Bars(tick.pair(), interval);
            Subscribers barsOfPair = subscribers.get(topic);
            if (barsOfPair == null || barsOfPair.isEmpty()) {
                lastBars.remove(topic);
                continue;
            }
            charts.liveBar(tick.pair(), interval).ifPresent(bar -> {
                Bar previous = lastBars.put(topic, bar);
                if (previous != null && previous.start().isBefore(bar.start())) {
                    Bar closed = new Bar(previous.pair(), previous.interval(), previous.start(), previous.open(),
                            previous.high(), previous.low(), previous.close(), previous.ticks(), false);
                    deliveries.add(new Delivery(barsOfPair, MarketMessages.barKey(closed),
                            MarketMessages.bar(closed, false)));
                }
                deliveries.add(new Delivery(barsOfPair, MarketMessages.barKey(bar), MarketMessages.bar(bar, false)));
            });
        }
        fanOut(deliveries);
    }

    /**
     * A pair lost its price: its price subscribers get a price frame saying so (under the price key, so a waiting
     * update of the pair is replaced by it), on the same thread and path as a price update.
     */
    void on(@Observes PriceUnavailable outage) {
        Subscribers pricesOfPair = subscribers.get(new Topic.Prices(outage.pair()));
        if (pricesOfPair != null && !pricesOfPair.isEmpty()) {
            fanOut(List.of(new Delivery(pricesOfPair, MarketMessages.priceKey(outage.pair()),
                    MarketMessages.priceUnavailable(outage))));
        }
    }

    /** Hands the frames to every fan-out thread, one task each, and returns. */
    private void fanOut(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        boolean dropped = false;
        for (int stripe = 0; stripe < fanOut.length; stripe++) {
            int mine = stripe;
            try {
                fanOut[stripe].execute(() -> deliver(deliveries, mine));
            } catch (RejectedExecutionException e) {
                dropped = true; // shutting down, or 10,000 updates behind: the next one supersedes it
            }
        }
        if (dropped) {
            fanOutDropped.increment(); // once per update, whichever of its stripes missed it
        }
    }

    /** On the stripe's fan-out thread: puts the frames in order, then sends in a round what waits for a sender. */
    private void deliver(List<Delivery> deliveries, int stripe) {
        List<Outbound> toSend = new ArrayList<>();
        List<String> handedOver = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            for (StreamConnection connection : delivery.subscribers().stripe(stripe)) {
                if (connection.outbound().put(delivery.key(), delivery.text())) {
                    toSend.add(connection.outbound());
                    handedOver.add(delivery.text());
                }
            }
        }
        if (!toSend.isEmpty()) {
            rounds.start(toSend, handedOver);
        }
    }

    private void closeTooSlow() {
        try {
            long limit = settings.maxBehindMillis();
            for (StreamConnection connection : connections) {
                long behind = connection.outbound().behindMillis();
                if (behind > limit) {
                    tooSlow.increment();
                    connection.outbound().closeAsTooSlow("too slow: behind for more than " + limit + " ms");
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "closing slow WebSocket clients failed", e);
        }
    }

    private record Delivery(Subscribers subscribers, String key, String text) {
    }

    /** A topic's subscribers, split by fan-out stripe. */
    private static final class Subscribers {
        private final Set<StreamConnection>[] stripes;

        @SuppressWarnings("unchecked")
        Subscribers(int count) {
            stripes = new Set[count];
            for (int i = 0; i < count; i++) {
                stripes[i] = ConcurrentHashMap.newKeySet();
            }
        }

        void add(StreamConnection connection) {
            stripes[connection.stripe()].add(connection);
        }

        void remove(StreamConnection connection) {
            stripes[connection.stripe()].remove(connection);
        }

        Set<StreamConnection> stripe(int stripe) {
            return stripes[stripe];
        }

        int size() {
            int size = 0;
            for (Set<StreamConnection> stripe : stripes) {
                size += stripe.size();
            }
            return size;
        }

        boolean isEmpty() {
            for (Set<StreamConnection> stripe : stripes) {
                if (!stripe.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }
}
