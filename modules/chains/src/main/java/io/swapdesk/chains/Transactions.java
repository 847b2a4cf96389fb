package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Signing and sending transactions, and finding out what became of them.
 *
 * <p>Signing is local and needs no chain. Every other method makes one RPC call, bounded by
 * {@code chains.rpc-timeout-ms} and counted in {@code chains.rpc.calls}; when the node does not answer in time or
 * answers with an error it throws {@link DomainException} with {@link ChainsError#CHAIN_UNAVAILABLE} (or
 * {@link ChainsError#UNKNOWN_CHAIN}). Nothing here retries: re-broadcasting the same signed bytes is safe and is the
 * caller's decision; signing a new transaction for the same purpose is not, while the first one's fate is unknown.
 */
public interface Transactions {

    /** The address of a signer key. */
    EvmAddress addressOf(SignerKey key);

    /** Signs an EIP-1559 transaction for {@code chain}; no RPC call. */
    SignedTransaction sign(ChainId chain, SignerKey key, TransactionRequest request);

    /** Fee caps that get a transaction into one of the next blocks: twice the newest base fee plus the node's tip. */
    Fees suggestedFees(ChainId chain);

    /** Sends signed bytes ({@code eth_sendRawTransaction}); see {@link Broadcast} for what the answers mean. */
    Broadcast broadcast(ChainId chain, byte[] raw);

    /** The receipt of a mined transaction; empty while it is pending, dropped or unknown to the node. */
    Optional<Receipt> receipt(ChainId chain, String txHash);

    /** Transactions of {@code address} in blocks: the nonce its next transaction takes, pending ones not counted. */
    BigInteger latestNonce(ChainId chain, EvmAddress address);

    /** Like {@link #latestNonce}, with the transactions waiting in the node's pool counted. */
    BigInteger pendingNonce(ChainId chain, EvmAddress address);
}
