package io.swapdesk.quotes.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The typed {@code quotes.*} configuration, read once from MicroProfile Config; every value has a default (README:
 * Configuration). An invalid value throws at construction, naming the property, and so stops the deployment.
 */
@Dependent
public class QuotesSettings {

    static final String ASSETS = "quotes.assets";
    static final String FEE_BPS = "quotes.fee-bps";
    static final String SLIPPAGE_BPS = "quotes.slippage-bps";
    static final String MIN_NOTIONAL_USD = "quotes.min-notional-usd";
    static final String TTL_MAX_SECONDS = "quotes.ttl.max-seconds";
    static final String TTL_MIN_SECONDS = "quotes.ttl.min-seconds";
    static final String TTL_WIDEST_CONFIDENCE = "quotes.ttl.widest-confidence";
    static final String EXPIRY_INTERVAL_MS = "quotes.expiry.interval-ms";
    static final String EXPIRY_GRACE_SECONDS = "quotes.expiry.grace-seconds";
    static final String WRITER_THREADS = "quotes.writer.threads";

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9.-]{1,16}");
    private static final Pattern PRICING_SYMBOL = Pattern.compile("[A-Z0-9]{2,10}");

    private final List<ServedAsset> assets;
    private final int feeBps;
    private final int slippageBps;
    private final BigDecimal minNotionalUsd;
    private final Duration ttlMax;
    private final Duration ttlMin;
    private final BigDecimal ttlWidestConfidence;
    private final Duration expiryInterval;
    private final Duration expiryGrace;
    private final int writerThreads;

    @Inject
    public QuotesSettings(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    /** @param lookup a property's value, empty when unset */
    QuotesSettings(Function<String, Optional<String>> lookup) {
        this.assets = assets(lookup.apply(ASSETS).orElse(""));
        this.feeBps = (int) whole(lookup, FEE_BPS, 30, 0, 5_000);
        this.slippageBps = (int) whole(lookup, SLIPPAGE_BPS, 50, 0, 5_000);
        this.minNotionalUsd = decimal(lookup, MIN_NOTIONAL_USD, "10");
        this.ttlMax = Duration.ofSeconds(whole(lookup, TTL_MAX_SECONDS, 120, 1, 86_400));
        this.ttlMin = Duration.ofSeconds(whole(lookup, TTL_MIN_SECONDS, 20, 1, 86_400));
        if (ttlMin.compareTo(ttlMax) > 0) {
            throw new IllegalArgumentException(TTL_MIN_SECONDS + " must not be above " + TTL_MAX_SECONDS + "; got "
                    + ttlMin.toSeconds() + " > " + ttlMax.toSeconds());
        }
        this.ttlWidestConfidence = decimal(lookup, TTL_WIDEST_CONFIDENCE, "0.005");
        if (ttlWidestConfidence.signum() <= 0) {
            throw new IllegalArgumentException(TTL_WIDEST_CONFIDENCE + " must be positive, e.g. 0.005 (0.5 %)");
        }
        this.expiryInterval = Duration.ofMillis(whole(lookup, EXPIRY_INTERVAL_MS, 5_000, 100, 3_600_000));
        this.expiryGrace = Duration.ofSeconds(whole(lookup, EXPIRY_GRACE_SECONDS, 300, 0, 86_400));
        this.writerThreads = (int) whole(lookup, WRITER_THREADS, 2, 1, 16);
    }

    /** Every served asset, in configuration order. */
    public List<ServedAsset> assets() {
        return assets;
    }

    /** The fee, in basis points of the converted amount, charged in the destination asset. */
    public int feeBps() {
        return feeBps;
    }

    /** How far below amountOut minAmountOut lies, in basis points. */
    public int slippageBps() {
        return slippageBps;
    }

    /** The smallest quoted amount, in US dollars of the source asset. */
    public BigDecimal minNotionalUsd() {
        return minNotionalUsd;
    }

    /** A quote's lifetime when its price's confidence interval is zero. */
    public Duration ttlMax() {
        return ttlMax;
    }

    /** A quote's lifetime when its price's relative confidence is {@link #ttlWidestConfidence()} or wider. */
    public Duration ttlMin() {
        return ttlMin;
    }

    /** The relative confidence (half-width ÷ price) at which the lifetime has shrunk to {@link #ttlMin()}. */
    public BigDecimal ttlWidestConfidence() {
        return ttlWidestConfidence;
    }

    /** How often the expiry job looks for unpaid quotes past their lifetime. */
    public Duration expiryInterval() {
        return expiryInterval;
    }

    /**
     * How long after its expiry an unpaid quote stays PENDING before it becomes EXPIRED: a deposit sent just before
     * the expiry needs its confirmations before it can commit, and must find the quote still PENDING.
     */
    public Duration expiryGrace() {
        return expiryGrace;
    }

    /** The threads that write new quotes, each a group of them per transaction ({@link QuoteWriter}). */
    public int writerThreads() {
        return writerThreads;
    }

    /** {@code chainId:SYMBOL:token:decimals[:PRICING]}, comma separated. */
    static List<ServedAsset> assets(String value) {
        List<ServedAsset> assets = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split(":");
            if (parts.length < 4 || parts.length > 5) {
                throw new IllegalArgumentException(ASSETS + ": each entry is chainId:SYMBOL:token:decimals[:PRICING], "
                        + "e.g. 31338:WETH:0x71C95911E9a5D330f4D621842EC243EE1343292e:18:ETH; got " + trimmed);
            }
            try {
                ChainId chain = ChainId.parse(parts[0]);
                String symbol = parts[1];
                if (!SYMBOL.matcher(symbol).matches()) {
                    throw new IllegalArgumentException("symbol must be 1 to 16 of A-Z a-z 0-9 . -; got " + symbol);
                }
                EvmAddress token = EvmAddress.parse(parts[2]);
                int decimals = Integer.parseInt(parts[3]);
                if (decimals < 0 || decimals > 36) {
                    throw new IllegalArgumentException("decimals must be 0 to 36; got " + decimals);
                }
                String pricing = parts.length == 5 ? parts[4] : symbol;
                if (!PRICING_SYMBOL.matcher(pricing).matches()) {
                    throw new IllegalArgumentException("the pricing symbol must be 2 to 10 of A-Z 0-9 (as in pricing "
                            + "pairs); got " + pricing + (parts.length == 5 ? "" : ": add it as a fifth part"));
                }
                ServedAsset asset = new ServedAsset(chain, symbol, token, decimals, pricing);
                boolean duplicate = assets.stream().anyMatch(known -> known.chain().equals(chain)
                        && (known.symbol().equals(symbol) || known.token().equals(token)));
                if (duplicate) {
                    throw new IllegalArgumentException("chain " + chain + " lists " + symbol + " or its token twice");
                }
                assets.add(asset);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(ASSETS + ": " + trimmed + ": " + message(e), e);
            }
        }
        return List.copyOf(assets);
    }

    private static String message(RuntimeException e) {
        return e instanceof DomainException domain ? domain.detail() : e.getMessage();
    }

    private static long whole(Function<String, Optional<String>> lookup, String name, long fallback, long min,
                              long max) {
        Optional<String> text = lookup.apply(name).map(String::strip).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + "; got "
                    + text.get());
        }
    }

    private static BigDecimal decimal(Function<String, Optional<String>> lookup, String name, String fallback) {
        String text = lookup.apply(name).map(String::strip).filter(value -> !value.isEmpty()).orElse(fallback);
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative decimal number; got " + text);
        }
    }
}
