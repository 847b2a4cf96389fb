package io.swapdesk.pricing.internal;

import io.swapdesk.chains.PriceFeeds;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.TestAggregators;
import io.swapdesk.pricing.Pair;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * THE SIMULATED MARKET — local runs only, off unless {@code pricing.simulated.enabled=true} (only
 * bin/swapdesk sets it). A seeded random walk per pair of {@code pricing.simulated.start-prices},
 * pushed every {@code pricing.simulated.interval-ms} as a new round to each of the pair's
 * TestAggregator feeds ({@code pricing.chainlink.feeds.<pair>}, each a little off the walk), with the
 * feeds' owner key. The prices then travel the real read path — {@link ChainlinkSource}, aggregation —
 * and are labelled {@code simulated-market@<chain>} and {@code simulated: true} wherever shown. Only the
 * server holding the pricing lease moves it, as only that server computes prices.
 */
@ApplicationScoped
public class SimulatedMarket {

    private static final Logger LOG = Logger.getLogger(SimulatedMarket.class.getName());

    private final PricingSettings.Simulation simulation;
    private final Map<Pair, List<PricingSettings.ChainlinkFeed>> feeds;
    private final TestAggregators aggregators;
    private final PriceFeeds priceFeeds;
    private final Map<PricingSettings.ChainlinkFeed, Integer> decimals = new ConcurrentHashMap<>();
    private final Map<Pair, RandomWalk> walks = new LinkedHashMap<>();
    private final BooleanSupplier computing;
    private ScheduledExecutorService scheduler;

    /** For the CDI client proxy only. */
    protected SimulatedMarket() {
        this.simulation = null;
        this.feeds = Map.of();
        this.aggregators = null;
        this.priceFeeds = null;
        this.computing = null;
    }

    @Inject
    public SimulatedMarket(PricingSettings settings, TestAggregators aggregators, PriceFeeds priceFeeds,
                           PriceLease lease) {
        this(settings.simulation(), settings.chainlinkFeeds(), aggregators, priceFeeds, lease::leader);
    }

    /**
     * @param computing whether this server computes prices now (holds the pricing lease): only that server moves the
     *                  market, so that several local servers on the same chains do not push rounds over each other
     */
    SimulatedMarket(PricingSettings.Simulation simulation, Map<Pair, List<PricingSettings.ChainlinkFeed>> feeds,
                    TestAggregators aggregators, PriceFeeds priceFeeds, BooleanSupplier computing) {
        this.simulation = simulation;
        this.feeds = feeds;
        this.aggregators = aggregators;
        this.priceFeeds = priceFeeds;
        this.computing = computing;
        long seed = simulation.seed();
        for (Map.Entry<Pair, BigDecimal> start : simulation.startPrices().entrySet()) {
            walks.put(start.getKey(), new RandomWalk(seed++, start.getValue(), simulation.volatility()));
        }
    }

    void start(@Observes Startup startup) {
        if (!simulation.enabled()) {
            return;
        }
        LOG.warning(() -> "pricing: THE SIMULATED MARKET IS ON: prices of " + walks.keySet()
                + " are a seeded random walk pushed to local test feeds, not a market (pricing.simulated.enabled)");
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pricing-simulated-market")
                .daemon().factory());
        scheduler.scheduleWithFixedDelay(this::step, 0, simulation.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One step of every walk, pushed to the pair's feeds; nothing on a server that does not compute prices now. */
    void step() {
        if (!computing.getAsBoolean()) {
            return;
        }
        SignerKey owner = simulation.ownerKey().orElseThrow();
        walks.forEach((pair, walk) -> {
            BigDecimal price = walk.next();
            for (PricingSettings.ChainlinkFeed feed : feeds.getOrDefault(pair, List.of())) {
                BigDecimal offset = BigDecimal.ONE.add(simulation.feedSpread().multiply(walk.uniform()));
                try {
                    aggregators.pushAnswer(feed.chain(), feed.address(), owner, answer(feed, PriceMath.multiply(price, offset)));
                } catch (RuntimeException e) {
                    // Any: one that left step() would cancel every later step (a task scheduled with a fixed delay).
                    LOG.log(Level.FINE, e, () -> "pricing: the simulated market could not push " + pair + " to " + feed);
                }
            }
        });
    }

    /** The price in the feed's raw units: × 10^decimals, rounded half-even to a whole number. */
    private BigInteger answer(PricingSettings.ChainlinkFeed feed, BigDecimal price) {
        int places = decimals.computeIfAbsent(feed,
                known -> priceFeeds.latestRound(known.chain(), known.address()).decimals());
        return price.movePointRight(places).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /** Stops before the persistence unit and the datasources close under it ({@code @PreDestroy} may come after). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
