package io.swapdesk.chains;

import java.util.Objects;

/**
 * A mined transaction's receipt.
 *
 * @param txHash      the transaction
 * @param succeeded   status 1; false when it reverted (it still took its nonce and paid for gas)
 * @param blockNumber the block it is in
 * @param blockHash   that block's hash (a reorg changes it)
 */
public record Receipt(String txHash, boolean succeeded, long blockNumber, String blockHash) {

    public Receipt {
        txHash = TransactionHashes.require(txHash);
        blockHash = TransactionHashes.require(blockHash);
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number must be >= 0");
        }
        Objects.requireNonNull(blockHash, "blockHash");
    }

    /** How many blocks hold it when {@code head} is the newest: 1 in its own block. */
    public long confirmationsAt(long head) {
        return Math.max(0, head - blockNumber + 1);
    }
}
