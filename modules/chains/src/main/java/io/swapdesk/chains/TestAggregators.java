package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Operates the {@code TestAggregator} price feed (src/main/solidity/TestAggregator.sol) on local
 * chains: deploy one, push answers as its owner, and write arbitrary rounds for tests. Never for a
 * production feed: it signs with whatever nonce the node reports as pending.
 *
 * <p>Failures: {@link ChainsError#UNKNOWN_CHAIN}, {@link ChainsError#CHAIN_UNAVAILABLE}, and
 * {@link ChainsError#CALL_REVERTED} when the transaction reverted (e.g. the key is not the feed's owner).
 */
public interface TestAggregators {

    /**
     * Deploys a feed and waits until it is mined.
     *
     * @param initialAnswer the raw first answer (round 1); zero deploys a feed without rounds
     * @return the feed's address
     * @throws DomainException as described above
     */
    EvmAddress deploy(ChainId chain, SignerKey owner, int decimals, String description, BigInteger initialAnswer);

    /**
     * Sends {@code updateAnswer(answer)}: the next round, stamped with its block's time. Returns once
     * the node accepted the transaction, without waiting for it to be mined.
     *
     * @return the transaction hash
     * @throws DomainException as described above
     */
    String pushAnswer(ChainId chain, EvmAddress feed, SignerKey owner, BigInteger answer);

    /**
     * Writes one round as given ({@code setRound}) and waits until it is mined: a stale, carried-over
     * or broken round for tests.
     *
     * @throws DomainException as described above
     */
    void setRound(ChainId chain, EvmAddress feed, SignerKey owner, BigInteger roundId, BigInteger answer,
                  Instant startedAt, Instant updatedAt, BigInteger answeredInRound);
}
