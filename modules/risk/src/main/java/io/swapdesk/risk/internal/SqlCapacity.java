package io.swapdesk.risk.internal;

import io.swapdesk.platform.CallerTransaction;
import io.swapdesk.platform.DomainException;
import io.swapdesk.risk.Capacity;
import io.swapdesk.risk.CapacityRequest;
import io.swapdesk.risk.LimitKind;
import io.swapdesk.risk.Liquidity;
import io.swapdesk.risk.Release;
import io.swapdesk.risk.RiskError;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reserves in a fixed order — per-quote limit, user day, the reservation row, then chain day and treasury liquidity —
 * each step one conditional statement. The last two are rows every commit to the chain updates: taken last, their
 * locks are held for the shortest time, and always in the same order, so commits queue on them but never deadlock.
 * A refusal throws; everything reserved before it is undone by the caller's rollback, which the exception causes when
 * it leaves the caller's {@code @Transactional} method.
 */
@ApplicationScoped
class SqlCapacity implements Capacity {

    @Inject
    RiskStore store;

    @Inject
    RiskSettings settings;

    @Inject
    DefaultLimitReads defaultLimitReads;

    @Inject
    Clock clock;

    static final Duration DEFAULT_LIMITS_MAX_AGE = Duration.ofSeconds(5);

    private volatile ReadLimits defaultLimits;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** In the caller's transaction, checked without an interceptor: its refusals are routine (CallerTransaction). */
    @Override
    public void reserve(CapacityRequest request) {
        CallerTransaction.require(transactions, "reserving risk capacity");
        LocalDate day = LocalDate.ofInstant(request.at(), ZoneOffset.UTC);
        String chain = request.chain().toString();
        String user = request.user().toString();
        BigInteger perQuote = limit(LimitKind.PER_QUOTE, "*");
        if (request.usdCents().compareTo(perQuote) > 0) {
            throw exceeded(request, LimitKind.PER_QUOTE, "*", perQuote, BigInteger.ZERO);
        }
        Liquidity liquidity = request.liquidity();
        String token = liquidity.token().toChecksumString();
        long treasuryChain = liquidity.chain().value();
        countOrRefuse(request, LimitKind.USER_DAILY, user, day);
        store.insertReservation(request.quoteId(), request.user().value(), request.chain().value(), day,
                request.usdCents(), treasuryChain, token, liquidity.amount(), clock.instant());
        // The rows every commit to this chain shares come last: their locks are held until the caller commits.
        countOrRefuse(request, LimitKind.CHAIN_DAILY, chain, day);
        if (!store.reserveLiquidity(treasuryChain, token, liquidity.amount(), liquidity.balance())) {
            BigInteger reserved = store.reserved(treasuryChain, token);
            BigInteger available = liquidity.balance().subtract(reserved).max(BigInteger.ZERO);
            throw new DomainException(RiskError.TREASURY_LOW, "the treasury on chain " + liquidity.chain() + " has "
                    + available + " base units of " + token + " available (balance " + liquidity.balance()
                    + " less " + reserved + " reserved); the delivery needs " + liquidity.amount(), properties(request,
                    Map.of("available", available.toString(), "needed", liquidity.amount().toString())));
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID quoteId, Release release) {
        store.reservation(quoteId).ifPresent(reservation -> {
            if (store.releaseTreasury(quoteId, clock.instant())) {
                store.releaseLiquidity(reservation.treasuryChain(), reservation.token(), reservation.amount());
            }
            if (release == Release.REFUNDED && store.releaseCounters(quoteId, clock.instant())) {
                store.uncount(LimitKind.CHAIN_DAILY, Long.toString(reservation.chain()), reservation.day(),
                        reservation.usdCents());
                store.uncount(LimitKind.USER_DAILY, reservation.user().toString(), reservation.day(),
                        reservation.usdCents());
            }
        });
    }

    /**
     * Read at most once per {@link #DEFAULT_LIMITS_MAX_AGE}: quote creation asks on every request, and its check is
     * advice to the user only — the commit reads the limit in force in its own statements. No transaction of its own
     * (a cached answer needs none; {@link DefaultLimitReads} opens one to read).
     */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<LimitKind, BigInteger> defaultLimits() {
        ReadLimits cached = defaultLimits;
        long now = System.nanoTime();
        if (cached == null || now - cached.readAt() > DEFAULT_LIMITS_MAX_AGE.toNanos()) {
            cached = new ReadLimits(defaultLimitReads.read(), now);
            defaultLimits = cached;
        }
        return cached.limits();
    }

    private record ReadLimits(Map<LimitKind, BigInteger> limits, long readAt) {
    }

    private BigInteger limit(LimitKind kind, String scope) {
        return store.limit(kind, scope).orElse(settings.defaultCents().get(kind));
    }

    /** Counts with the limit read in the same statement; only a refusal reads it again, for its message. */
    private void countOrRefuse(CapacityRequest request, LimitKind kind, String scope, LocalDate day) {
        if (!store.count(kind, scope, day, request.usdCents(), settings.defaultCents().get(kind))) {
            throw exceeded(request, kind, scope, limit(kind, scope), store.used(kind, scope, day));
        }
    }

    private static DomainException exceeded(CapacityRequest request, LimitKind kind, String scope, BigInteger limit,
                                            BigInteger used) {
        String what = switch (kind) {
            case PER_QUOTE -> "the largest quote";
            case CHAIN_DAILY -> "the daily limit of chain " + scope;
            case USER_DAILY -> "your daily limit";
        };
        return new DomainException(RiskError.LIMIT_EXCEEDED, "a quote worth " + dollars(request.usdCents())
                + " USD would pass " + what + " of " + dollars(limit) + " USD" + (kind == LimitKind.PER_QUOTE ? ""
                : " (" + dollars(used) + " USD used today, UTC)"), properties(request, Map.of("limit", kind.wireName())));
    }

    private static Map<String, Object> properties(CapacityRequest request, Map<String, String> more) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("quoteId", request.quoteId().toString());
        properties.putAll(more);
        return properties;
    }

    static String dollars(BigInteger cents) {
        return new BigDecimal(cents, 2).toPlainString();
    }
}
