package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The newest block of a chain as one RPC endpoint reported it.
 *
 * @param chainId        the chain the block belongs to
 * @param blockNumber    the block height, 0 for genesis
 * @param blockHash      {@code 0x} plus 64 hex characters
 * @param blockTimestamp the time the block producer stamped on the block (second precision)
 */
public record ChainHead(ChainId chainId, long blockNumber, String blockHash, Instant blockTimestamp) {

    private static final Pattern BLOCK_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    public ChainHead {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(blockTimestamp, "blockTimestamp");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number must not be negative; got " + blockNumber);
        }
        if (!BLOCK_HASH.matcher(blockHash).matches()) {
            throw new IllegalArgumentException("block hash must be 0x plus 64 hex characters; got " + blockHash);
        }
    }

    /**
     * How long ago the head block was produced. A block stamped slightly ahead of {@code now}
     * (clock skew between the block producer and this server) counts as brand new, never as a
     * negative age.
     */
    public Duration age(Instant now) {
        Duration age = Duration.between(blockTimestamp, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
