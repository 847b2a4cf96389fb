package io.swapdesk.risk.internal;

import io.swapdesk.risk.LimitKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed {@code risk.*} configuration: the default limits, in whole US dollars ({@code risk.limits.per-quote-usd},
 * {@code risk.limits.chain-daily-usd}, {@code risk.limits.user-daily-usd}), kept as cents. Operators override them
 * in {@code risk.limits}. An invalid value throws at construction, naming the property.
 */
@Dependent
public class RiskSettings {

    static final String PREFIX = "risk.limits.";
    private static final Map<LimitKind, String> DEFAULTS_USD = Map.of(
            LimitKind.PER_QUOTE, "10000",
            LimitKind.CHAIN_DAILY, "1000000",
            LimitKind.USER_DAILY, "50000");

    private final Map<LimitKind, BigInteger> defaultCents;

    @Inject
    public RiskSettings(Config config) {
        this(name -> config.getOptionalValue(name, String.class));
    }

    RiskSettings(Function<String, Optional<String>> lookup) {
        Map<LimitKind, BigInteger> cents = new EnumMap<>(LimitKind.class);
        for (LimitKind kind : LimitKind.values()) {
            String name = PREFIX + kind.wireName() + "-usd";
            String text = lookup.apply(name).map(String::strip).filter(value -> !value.isEmpty())
                    .orElse(DEFAULTS_USD.get(kind));
            try {
                BigDecimal usd = new BigDecimal(text);
                if (usd.signum() < 0 || usd.scale() > 2 || usd.precision() > 30) {
                    throw new NumberFormatException();
                }
                cents.put(kind, usd.movePointRight(2).toBigIntegerExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(name + " must be a non-negative number of US dollars with at most "
                        + "2 decimals, e.g. 50000; got " + text);
            }
        }
        this.defaultCents = Collections.unmodifiableMap(cents);
    }

    /** The configured default of each limit, in US cents. */
    public Map<LimitKind, BigInteger> defaultCents() {
        return defaultCents;
    }
}
