package io.swapdesk.risk;

import io.swapdesk.platform.DomainException;

import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

/**
 * Risk capacity and treasury liquidity, reserved by the commit of a paid quote and released when its delivery
 * completes or its refund is decided. Limits are in US cents; every reservation is an atomic conditional update
 * ({@code used + x <= limit}), so concurrent commits can never together pass a limit.
 */
public interface Capacity {

    /**
     * Reserves, inside the caller's transaction (there must be one): the quote's value against the per-quote, the
     * chain's daily and the user's daily limit, then the liquidity against {@code balance − reserved}. A refusal
     * throws and leaves it to the caller's rollback to undo what was reserved before it.
     *
     * @throws DomainException {@link RiskError#LIMIT_EXCEEDED} or {@link RiskError#TREASURY_LOW}
     */
    void reserve(CapacityRequest request);

    /**
     * Releases the quote's reservation, inside the caller's transaction; once per kind of release, so a repeat
     * changes nothing. A quote that never reserved anything (refused at commit) has nothing to release.
     */
    void release(UUID quoteId, Release release);

    /**
     * The limits in force for a new quote by anyone on any chain: the defaults, with operator changes, as read at
     * most a few seconds ago (for advice before a quote is made; {@link #reserve} reads the limit in force).
     */
    Map<LimitKind, BigInteger> defaultLimits();
}
