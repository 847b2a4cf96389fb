package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;

import java.math.BigInteger;

/**
 * The escrow contract ({@code src/main/solidity/Escrow.sol}) as records and bytes: the calls a
 * payer sends, and what the contract says about a quote reference.
 */
public interface Escrows {

    /**
     * The calldata of {@code Escrow.deposit(quoteId, token, amount)}: what a payer's wallet sends to
     * the escrow (after approving it for {@code amount} of {@code token}).
     */
    byte[] depositCalldata(QuoteRef quote, EvmAddress token, BigInteger amount);

    /** The calldata of {@code Escrow.fill(quoteId, token, recipient, amount)}, which only signer accounts may send. */
    byte[] fillCalldata(QuoteRef quote, EvmAddress token, EvmAddress recipient, BigInteger amount);

    /**
     * Whether the escrow on {@code chain} has filled the quote: the final word on a delivery whose
     * transaction's fate is unknown.
     *
     * @throws DomainException as {@link Chains#call} does
     */
    boolean filled(ChainId chain, EvmAddress escrow, QuoteRef quote);

    /**
     * The escrow's {@code Filled} event for the quote, read from the chain's logs: which transaction filled it, in
     * which block, and what it delivered. Empty when the quote is not filled (or the node prunes old logs).
     *
     * @param fromBlock the first block to search, e.g. a block known to be older than the delivery
     * @throws DomainException as {@link Chains#call} does
     */
    java.util.Optional<EscrowFill> findFill(ChainId chain, EvmAddress escrow, QuoteRef quote, long fromBlock);
}
