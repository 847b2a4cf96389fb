package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

/**
 * Reads Chainlink-interface price feeds ({@code AggregatorV3Interface}) on the configured chains.
 * A read-only translation of the contract's ABI into {@link FeedRound}; judging a round (stale,
 * non-positive, carried over) is the caller's business.
 *
 * <p>Failures are those of {@link Chains#call}: {@link ChainsError#UNKNOWN_CHAIN},
 * {@link ChainsError#CHAIN_UNAVAILABLE}, and {@link ChainsError#CALL_REVERTED} when the address is
 * not a feed or the feed has no round yet. An answer that does not decode as a feed's is
 * {@link ChainsError#CALL_REVERTED} too: the contract is not the one expected.
 */
public interface PriceFeeds {

    /**
     * The feed's latest round with its decimals (read once per feed and remembered: a feed's
     * decimals never change).
     *
     * @throws DomainException as described above
     */
    FeedRound latestRound(ChainId chain, EvmAddress feed);
}
