package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Deposited(bytes32 quoteId, address token, address from, uint256 amount)} event of an escrow, where it
 * happened, and what it says. {@code (chain, txHash, logIndex)} names it uniquely.
 *
 * @param blockTime  the timestamp of the deposit's block: when the payment was made, by the chain's clock
 * @param quoteIdHex the deposit's quote reference as sent, {@code 0x} + 64 hex (anyone can deposit anything)
 * @param quote      the SwapDesk quote it names, when it is a SwapDesk reference at all
 */
public record DepositLog(ChainId chain, long blockNumber, String blockHash, Instant blockTime, String txHash, long logIndex,
                         String quoteIdHex, Optional<QuoteRef> quote, EvmAddress token, EvmAddress payer,
                         BigInteger amount) {

    public DepositLog {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(blockTime, "blockTime");
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(quoteIdHex, "quoteIdHex");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(amount, "amount");
    }
}
