package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * Read access to the EVM chains this server is configured for.
 *
 * <p>Every method that takes a chain throws {@link DomainException} with
 * {@link ChainsError#UNKNOWN_CHAIN} when the chain is not configured, and with
 * {@link ChainsError#CHAIN_UNAVAILABLE} when its RPC endpoint does not answer in time, answers with
 * an error, or serves another chain id than configured. Callers decide whether to retry; reads are
 * safe to repeat.
 */
public interface Chains {

    /** The chains with a configured RPC endpoint, in configuration order; unmodifiable. */
    Set<ChainId> configured();

    /** The newest block the chain's RPC endpoint knows. */
    ChainHead head(ChainId chain);

    /** The native-currency balance (wei for ETH) of {@code address} at the newest block. */
    BigInteger nativeBalance(ChainId chain, EvmAddress address);

    /**
     * The ERC-20 balance ({@code balanceOf}) of {@code holder} in {@code token}'s base units at the newest block.
     *
     * @throws DomainException {@link ChainsError#CALL_REVERTED} when {@code token} is not an ERC-20
     */
    BigInteger tokenBalance(ChainId chain, EvmAddress token, EvmAddress holder);

    /** The chain's escrow contract ({@code chains.escrows}), which holds SwapDesk's liquidity on that chain. */
    Optional<EvmAddress> escrow(ChainId chain);

    /**
     * Whether {@code address} holds contract code at the newest block: a contract wallet
     * (EIP-1271) or any other contract, as opposed to an externally owned account.
     */
    boolean hasCode(ChainId chain, EvmAddress address);

    /**
     * A read-only contract call ({@code eth_call}) at the newest block.
     *
     * @param calldata the ABI-encoded call, selector first
     * @return the raw return data, empty when the call returned nothing
     * @throws DomainException {@link ChainsError#CALL_REVERTED} when the call reverted, besides the
     *                         failures every method shares
     */
    byte[] call(ChainId chain, EvmAddress contract, byte[] calldata);
}
