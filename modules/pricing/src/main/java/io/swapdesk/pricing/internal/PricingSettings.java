package io.swapdesk.pricing.internal;

import io.swapdesk.chains.SignerKey;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.pricing.Pair;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The typed {@code pricing.*} configuration, read once from MicroProfile Config; every value has a
 * default (README: Configuration). Per-pair settings are named after the pair, e.g.
 * {@code pricing.chainlink.feeds.ETH-USD}, which MicroProfile Config also finds as the environment
 * variable {@code PRICING_CHAINLINK_FEEDS_ETH_USD}. An invalid value throws at construction, naming
 * the property, and so stops the deployment.
 */
@Dependent
public class PricingSettings {

    static final String PAIRS = "pricing.pairs";
    static final String CROSS_PAIRS = "pricing.cross-pairs";
    static final String MIN_SOURCES = "pricing.min-sources";
    static final String MAX_DEVIATION = "pricing.max-deviation";
    static final String MAX_FETCH_AGE_MS = "pricing.max-fetch-age-ms";
    static final String CHAINLINK_FEEDS = "pricing.chainlink.feeds.";
    static final String CHAINLINK_HEARTBEAT_SECONDS = "pricing.chainlink.heartbeat-seconds";
    /** A week: no Chainlink-interface feed waits longer between rounds. */
    static final long MAX_HEARTBEAT_SECONDS = 7 * 24 * 3600;
    static final String CHAINLINK_REFRESH_MS = "pricing.chainlink.refresh-ms";
    static final String PYTH_URL = "pricing.pyth.url";
    static final String PYTH_FEEDS = "pricing.pyth.feeds.";
    static final String PYTH_MAX_AGE_SECONDS = "pricing.pyth.max-age-seconds";
    static final String PYTH_MAX_CONFIDENCE_RATIO = "pricing.pyth.max-confidence-ratio";
    static final String PYTH_REFRESH_MS = "pricing.pyth.refresh-ms";
    static final String PYTH_TIMEOUT_MS = "pricing.pyth.timeout-ms";
    /** Half a second under the whole fetch's {@code @Timeout}, so that the HTTP client's own timeout answers first. */
    static final long PYTH_TIMEOUT_MAX_MS = PythSource.FETCH_TIMEOUT_MS - 500;
    static final String SIMULATED_ENABLED = "pricing.simulated.enabled";
    static final String SIMULATED_OWNER_KEY = "pricing.simulated.owner-key";
    static final String SIMULATED_START_PRICES = "pricing.simulated.start-prices";
    static final String SIMULATED_VOLATILITY = "pricing.simulated.volatility";
    static final String SIMULATED_FEED_SPREAD = "pricing.simulated.feed-spread";
    static final String SIMULATED_SEED = "pricing.simulated.seed";
    static final String SIMULATED_INTERVAL_MS = "pricing.simulated.interval-ms";

    private static final Pattern PYTH_ID = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private final List<Pair> pairs;
    private final List<CrossRoute> crossPairs;
    private final int minSources;
    private final BigDecimal maxDeviation;
    private final Duration maxFetchAge;
    private final Map<Pair, List<ChainlinkFeed>> chainlinkFeeds;
    private final Duration chainlinkHeartbeat;
    private final Duration chainlinkRefresh;
    private final Optional<URI> pythUrl;
    private final Map<Pair, String> pythFeeds;
    private final Duration pythMaxAge;
    private final BigDecimal pythMaxConfidenceRatio;
    private final Duration pythRefresh;
    private final Duration pythTimeout;
    private final Simulation simulation;

    @Inject
    public PricingSettings(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    /** @param lookup a property's value, empty when unset (as MicroProfile Config treats an empty value) */
    PricingSettings(Function<String, Optional<String>> lookup) {
        Values values = new Values(lookup);
        this.pairs = values.pairs(PAIRS);
        this.crossPairs = values.pairs(CROSS_PAIRS).stream().map(cross -> CrossRoute.of(cross, pairs)).toList();
        this.minSources = (int) values.positive(MIN_SOURCES, 2);
        this.maxDeviation = values.fraction(MAX_DEVIATION, "0.01");
        this.maxFetchAge = Duration.ofMillis(values.positive(MAX_FETCH_AGE_MS, 5000));
        this.chainlinkHeartbeat = Duration.ofSeconds(values.positive(CHAINLINK_HEARTBEAT_SECONDS, 3600));
        this.chainlinkRefresh = Duration.ofMillis(values.positive(CHAINLINK_REFRESH_MS, 1000));
        this.pythUrl = values.text(PYTH_URL).map(url -> httpUrl(PYTH_URL, url));
        this.pythMaxAge = Duration.ofSeconds(values.positive(PYTH_MAX_AGE_SECONDS, 60));
        this.pythMaxConfidenceRatio = values.fraction(PYTH_MAX_CONFIDENCE_RATIO, "0.01");
        this.pythRefresh = Duration.ofMillis(values.positive(PYTH_REFRESH_MS, 1000));
        this.pythTimeout = Duration.ofMillis(values.positive(PYTH_TIMEOUT_MS, 2000));
        if (pythTimeout.toMillis() > PYTH_TIMEOUT_MAX_MS) {
            throw new IllegalArgumentException(PYTH_TIMEOUT_MS + " must be at most " + PYTH_TIMEOUT_MAX_MS
                    + ": a Hermes fetch as a whole is cut off after " + PythSource.FETCH_TIMEOUT_MS + " ms; got "
                    + pythTimeout.toMillis());
        }
        Map<Pair, List<ChainlinkFeed>> chainlink = new LinkedHashMap<>();
        Map<Pair, String> pyth = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            values.text(CHAINLINK_FEEDS + pair).ifPresent(text -> chainlink.put(pair, chainlinkFeeds(pair, text)));
            values.text(PYTH_FEEDS + pair).ifPresent(text -> pyth.put(pair, pythId(pair, text)));
        }
        if (!pyth.isEmpty() && pythUrl.isEmpty()) {
            throw new IllegalArgumentException(PYTH_FEEDS + "* are set but " + PYTH_URL + " is not: where is Hermes?");
        }
        this.chainlinkFeeds = Collections.unmodifiableMap(chainlink);
        this.pythFeeds = Collections.unmodifiableMap(pyth);
        this.simulation = Simulation.read(values, pairs);
    }

    /** Pairs priced by their own sources, in configuration order. */
    public List<Pair> pairs() {
        return pairs;
    }

    /** Pairs derived from two direct pairs, in configuration order. */
    public List<CrossRoute> crossPairs() {
        return crossPairs;
    }

    public int minSources() {
        return minSources;
    }

    /** The largest relative distance from the median a source may have and still be used, e.g. 0.01. */
    public BigDecimal maxDeviation() {
        return maxDeviation;
    }

    /** A reading not fetched again within this is stale: its source stopped answering. */
    public Duration maxFetchAge() {
        return maxFetchAge;
    }

    public Map<Pair, List<ChainlinkFeed>> chainlinkFeeds() {
        return chainlinkFeeds;
    }

    public Duration chainlinkHeartbeat() {
        return chainlinkHeartbeat;
    }

    public Duration chainlinkRefresh() {
        return chainlinkRefresh;
    }

    public Optional<URI> pythUrl() {
        return pythUrl;
    }

    /** Pyth feed ids per pair: 64 lower-case hex digits without 0x, as Hermes answers them. */
    public Map<Pair, String> pythFeeds() {
        return pythFeeds;
    }

    public Duration pythMaxAge() {
        return pythMaxAge;
    }

    public BigDecimal pythMaxConfidenceRatio() {
        return pythMaxConfidenceRatio;
    }

    public Duration pythRefresh() {
        return pythRefresh;
    }

    public Duration pythTimeout() {
        return pythTimeout;
    }

    public Simulation simulation() {
        return simulation;
    }

    /**
     * An on-chain aggregator of a pair.
     *
     * @param heartbeat how old its latest round may be and still fresh, when the feed has its own (a stablecoin feed
     *                  often updates once a day, an ETH feed hourly); else {@code pricing.chainlink.heartbeat-seconds}
     */
    public record ChainlinkFeed(ChainId chain, EvmAddress address, Optional<Duration> heartbeat) {

        public ChainlinkFeed {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(heartbeat, "heartbeat");
        }

        /** A feed with the default heartbeat. */
        public ChainlinkFeed(ChainId chain, EvmAddress address) {
            this(chain, address, Optional.empty());
        }
    }

    /**
     * The labelled simulated market (local runs only): a seeded random walk per pair, pushed to the
     * pair's TestAggregator feeds with the feeds' owner key.
     *
     * @param volatility the largest relative move of one step, e.g. 0.002
     * @param feedSpread the largest relative difference of one feed from the walk, e.g. 0.0005
     */
    public record Simulation(boolean enabled, Optional<SignerKey> ownerKey, Map<Pair, BigDecimal> startPrices,
                             BigDecimal volatility, BigDecimal feedSpread, long seed, Duration interval) {

        static Simulation read(Values values, List<Pair> pairs) {
            boolean enabled = values.bool(SIMULATED_ENABLED);
            Optional<SignerKey> key = values.text(SIMULATED_OWNER_KEY).map(text -> {
                try {
                    return SignerKey.of(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(SIMULATED_OWNER_KEY + ": " + e.getMessage());
                }
            });
            Map<Pair, BigDecimal> start = new LinkedHashMap<>();
            for (String entry : values.list(SIMULATED_START_PRICES)) {
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw values.invalid(SIMULATED_START_PRICES, entry, "expected PAIR=price, e.g. ETH-USD=3000");
                }
                Pair pair = values.pair(SIMULATED_START_PRICES, entry.substring(0, equals).strip());
                if (!pairs.contains(pair)) {
                    throw values.invalid(SIMULATED_START_PRICES, entry, "the pair is not in " + PAIRS);
                }
                start.put(pair, values.positiveDecimal(SIMULATED_START_PRICES, entry.substring(equals + 1).strip()));
            }
            if (enabled && key.isEmpty()) {
                throw new IllegalArgumentException(SIMULATED_ENABLED + " is true but " + SIMULATED_OWNER_KEY
                        + " (the test feeds' owner key) is not set");
            }
            return new Simulation(enabled, key, Collections.unmodifiableMap(start),
                    values.fraction(SIMULATED_VOLATILITY, "0.002"), values.fraction(SIMULATED_FEED_SPREAD, "0.0005"),
                    values.number(SIMULATED_SEED, 20260101), Duration.ofMillis(values.positive(SIMULATED_INTERVAL_MS, 1000)));
        }
    }

    private List<ChainlinkFeed> chainlinkFeeds(Pair pair, String text) {
        String property = CHAINLINK_FEEDS + pair;
        List<ChainlinkFeed> feeds = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.strip();
            String[] parts = entry.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw Values.invalidEntry(property, entry, "expected <chain id>:<aggregator address>, optionally"
                        + " followed by :<heartbeat seconds>, e.g. 31337:0x… or 1:0x…:86400");
            }
            try {
                ChainlinkFeed feed = new ChainlinkFeed(ChainId.parse(parts[0].strip()), EvmAddress.parse(parts[1].strip()),
                        parts.length == 3 ? Optional.of(heartbeat(property, entry, parts[2].strip())) : Optional.empty());
                if (feeds.stream().anyMatch(known -> known.chain().equals(feed.chain()))) {
                    throw Values.invalidEntry(property, entry, "one feed per chain and pair; chain " + feed.chain()
                            + " is listed twice");
                }
                feeds.add(feed);
            } catch (DomainException e) {
                throw Values.invalidEntry(property, entry, e.detail());
            }
        }
        return List.copyOf(feeds);
    }

    private static Duration heartbeat(String property, String entry, String seconds) {
        try {
            long value = Long.parseLong(seconds);
            if (value >= 1 && value <= MAX_HEARTBEAT_SECONDS) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Values.invalidEntry(property, entry, "a heartbeat is a whole number of seconds from 1 to "
                + MAX_HEARTBEAT_SECONDS + "; got " + seconds);
    }

    private static String pythId(Pair pair, String text) {
        String id = text.strip();
        if (!PYTH_ID.matcher(id).matches()) {
            throw Values.invalidEntry(PYTH_FEEDS + pair, id, "a Pyth feed id is 32 bytes: 64 hex digits, optionally after 0x");
        }
        return (id.startsWith("0x") ? id.substring(2) : id).toLowerCase(Locale.ROOT);
    }

    private static URI httpUrl(String property, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException(property + " must start with http:// or https://");
        }
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(property + " has no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not a URL: " + e.getMessage(), e);
        }
    }

    /** Typed reads of single properties, each failure naming the property. */
    static final class Values {

        private final Function<String, Optional<String>> lookup;

        Values(Function<String, Optional<String>> lookup) {
            this.lookup = lookup;
        }

        Optional<String> text(String name) {
            return lookup.apply(name).map(String::strip).filter(value -> !value.isEmpty());
        }

        List<String> list(String name) {
            return text(name).map(value -> java.util.Arrays.stream(value.split(",", -1)).map(String::strip).toList())
                    .orElse(List.of());
        }

        List<Pair> pairs(String name) {
            List<Pair> pairs = new ArrayList<>();
            for (String entry : list(name)) {
                Pair pair = pair(name, entry);
                if (pairs.contains(pair)) {
                    throw invalid(name, entry, "the pair is listed twice");
                }
                pairs.add(pair);
            }
            return List.copyOf(pairs);
        }

        Pair pair(String name, String text) {
            try {
                return Pair.parse(text);
            } catch (IllegalArgumentException e) {
                throw invalid(name, text, e.getMessage());
            }
        }

        long positive(String name, long fallback) {
            long value = number(name, fallback);
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be a positive number; got " + value);
            }
            return value;
        }

        long number(String name, long fallback) {
            String text = text(name).orElse(Long.toString(fallback));
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number; got " + text);
            }
        }

        boolean bool(String name) {
            String text = text(name).orElse("false").toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false; got " + text);
            };
        }

        /** A decimal in (0, 1), e.g. 0.01 for one percent. */
        BigDecimal fraction(String name, String fallback) {
            BigDecimal value = decimal(name, text(name).orElse(fallback));
            if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException(name + " must be a fraction between 0 and 1 (0.01 is one percent); got "
                        + value.toPlainString());
            }
            return value;
        }

        BigDecimal positiveDecimal(String name, String text) {
            BigDecimal value = decimal(name, text);
            if (value.signum() <= 0) {
                throw new IllegalArgumentException(name + " must be positive; got " + text);
            }
            return value;
        }

        private static BigDecimal decimal(String name, String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a decimal number such as 0.01; got " + text);
            }
        }

        IllegalArgumentException invalid(String name, String entry, String reason) {
            return invalidEntry(name, entry, reason);
        }

        static IllegalArgumentException invalidEntry(String name, String entry, String reason) {
            return new IllegalArgumentException(name + ": invalid entry \"" + entry + "\": " + reason);
        }
    }
}
