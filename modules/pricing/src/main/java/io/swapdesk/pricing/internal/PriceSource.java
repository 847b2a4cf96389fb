package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One kind of price source (on-chain aggregators, Pyth Hermes). Implementations declare their
 * MicroProfile Fault Tolerance on {@link #fetch()}, the remote call, and are driven by
 * {@link PriceRefresher} on their own schedule.
 *
 * <p>Contract (PriceSourceContractTest): {@code fetch} answers one reading per configured feed,
 * each for a configured pair; a feed whose answer is refused is a {@link Reading.Rejected} with a
 * reason while the others still answer; when the backend itself is unreachable, slow or unreadable
 * it throws {@link SourceUnavailableException}.
 */
interface PriceSource {

    /** The kind, for metrics and logs: {@code chainlink}, {@code pyth}. */
    String kind();

    /** The pairs this source has feeds for; empty when it is not configured. */
    Set<Pair> pairs();

    /** How long to wait after one fetch before the next. */
    Duration refreshInterval();

    /**
     * Reads every configured feed once.
     *
     * @throws SourceUnavailableException when the backend cannot be read at all
     */
    List<Reading> fetch();
}
