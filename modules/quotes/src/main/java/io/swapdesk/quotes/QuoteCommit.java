package io.swapdesk.quotes;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A confirmed payment for a quote, as the deposit processor saw it on chain, plus what the commit needs from chains
 * read beforehand (a transaction never waits on a chain).
 *
 * @param quoteId          the quote the deposit names (its {@code quoteRef})
 * @param chain            the chain the deposit was made on
 * @param token            the token deposited
 * @param amount           base units deposited
 * @param payer            who deposited
 * @param depositTxHash    the deposit's transaction, {@code 0x} + 64 hex
 * @param depositedAt      the deposit block's timestamp: a deposit made before the quote expired commits, even when
 *                         its confirmations arrive later
 * @param treasuryBalance  the escrow's balance of the quote's destination token on the destination chain, read before
 *                         the transaction
 */
public record QuoteCommit(UUID quoteId, ChainId chain, EvmAddress token, BigInteger amount, EvmAddress payer,
                          String depositTxHash, Instant depositedAt, BigInteger treasuryBalance) {

    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    public QuoteCommit {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(depositedAt, "depositedAt");
        requireTxHash(depositTxHash);
        if (amount == null || amount.signum() < 0 || treasuryBalance == null || treasuryBalance.signum() < 0) {
            throw new IllegalArgumentException("amount and treasury balance are non-negative base units");
        }
    }

    /** The same payment, naming the quote by the bytes32 reference the deposit carried. */
    public static QuoteCommit of(QuoteRef ref, ChainId chain, EvmAddress token, BigInteger amount, EvmAddress payer,
                                 String depositTxHash, Instant depositedAt, BigInteger treasuryBalance) {
        return new QuoteCommit(ref.quoteId(), chain, token, amount, payer, depositTxHash, depositedAt,
                treasuryBalance);
    }

    /** @throws IllegalArgumentException unless {@code 0x} + 64 hex digits */
    static String requireTxHash(String hash) {
        if (hash == null || !TX_HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("a transaction hash is 0x + 64 hex digits");
        }
        return hash;
    }
}
