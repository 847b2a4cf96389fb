package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The signer accounts of each chain ({@code chains.signers.<chainId>}, keys from the environment) and their nonces,
 * persisted in {@code chains.signers}. One holder at a time: a signer is taken by a holder, keeps it while the fate of
 * what it signed is unknown, and is released (every nonce settled) or cooled down (a nonce's fate uncertain).
 *
 * <p>The state-changing methods join the caller's JTA transaction (MANDATORY), so that taking a signer, reserving its
 * nonce and storing what was signed commit together with the caller's own state, or not at all. Several servers
 * share the pool: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
public interface SignerPool {

    /**
     * Takes the least recently used FREE signer of {@code chain} whose key this server holds, for {@code holder}, and
     * reserves its next nonce. Empty when none is free (all held or cooling down): try again later.
     */
    Optional<HeldSigner> take(ChainId chain, UUID holder);

    /**
     * Signs {@code request} with a signer {@code holder} holds; the request's nonce is the held one, or, for a
     * replacement, that of an earlier transaction of the same holder. No RPC call.
     *
     * @throws IllegalStateException when {@code holder} does not hold the signer, or its key is not configured here
     */
    SignedTransaction sign(ChainId chain, EvmAddress signer, UUID holder, TransactionRequest request);

    /** Frees a signer whose every transaction of {@code holder} has a known fate; false if it was not so held. */
    boolean release(ChainId chain, EvmAddress signer, UUID holder);

    /**
     * Keeps a signer away from new work until {@code until} at least, because a transaction it signed for
     * {@code holder} may still be pending somewhere; false if it was not held by {@code holder}.
     */
    boolean coolDown(ChainId chain, EvmAddress signer, UUID holder, Instant until);

    /**
     * Housekeeping for one chain, outside any transaction (it reads the chain): registers configured signers that have
     * no row yet, their next nonce read from the chain; frees cooled-down signers whose time has passed and that have
     * no pending transaction, their next nonce read back from the chain; others stay in cooldown for
     * {@code recheckAfter} more.
     *
     * @throws DomainException {@link ChainsError#CHAIN_UNAVAILABLE} when the chain does not answer
     */
    void maintain(ChainId chain, Duration recheckAfter);

    /** The signers of {@code chain}, as stored. */
    List<SignerState> signers(ChainId chain);

    /** The chains this server holds signer keys for. */
    List<ChainId> chainsWithSigners();
}
