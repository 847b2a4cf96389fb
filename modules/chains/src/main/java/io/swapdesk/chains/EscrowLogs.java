package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

import java.util.List;

/** The escrow's events as records, read from one chain's RPC endpoint. */
public interface EscrowLogs {

    /**
     * The escrow's {@code Deposited} events in blocks {@code fromBlock} to {@code toBlock} (both included), in chain
     * order (block, then log index). Logs of removed (reorganised) blocks are left out.
     *
     * @throws DomainException as {@link Chains#call} does
     */
    List<DepositLog> deposits(ChainId chain, EvmAddress escrow, long fromBlock, long toBlock);
}
