package io.swapdesk.execution.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The typed {@code execution.funding.*} configuration: how deposits are watched. */
@Dependent
public class FundingSettings {

    private final int confirmations;
    private final Duration pollInterval;
    private final int maxBlocksPerRead;
    private final long startBlock;
    private final int processors;
    private final Duration balanceMaxAge;

    /**
     * @param confirmations    a deposit counts once its block has this many confirmations (its own block is one)
     * @param pollMillis       pause between two reads of a chain
     * @param maxBlocksPerRead most blocks one {@code eth_getLogs} asks for (providers cap ranges)
     * @param startBlock       the first block read on a chain without a checkpoint yet (the escrow's deployment)
     * @param processors       threads per server that commit recorded deposits, each its own share of them
     * @param balanceMaxAgeMillis how long a processor reuses a treasury balance it read: keep it below the time
     *                         between a fill's block and its {@code execution.confirmations}-th (see DepositProcessor)
     */
    @Inject
    public FundingSettings(
            @ConfigProperty(name = "execution.funding.confirmations", defaultValue = "3") int confirmations,
            @ConfigProperty(name = "execution.funding.poll-ms", defaultValue = "1000") long pollMillis,
            @ConfigProperty(name = "execution.funding.max-blocks-per-read", defaultValue = "500") int maxBlocksPerRead,
            @ConfigProperty(name = "execution.funding.start-block", defaultValue = "0") long startBlock,
            @ConfigProperty(name = "execution.funding.processors", defaultValue = "2") int processors,
            @ConfigProperty(name = "execution.funding.balance-max-age-ms", defaultValue = "500")
            long balanceMaxAgeMillis) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("execution.funding.confirmations must be 1 or more; got " + confirmations);
        }
        if (pollMillis < 10 || maxBlocksPerRead < 1 || startBlock < 0) {
            throw new IllegalArgumentException("execution.funding: poll-ms must be 10 or more, max-blocks-per-read and "
                    + "start-block positive; got " + pollMillis + ", " + maxBlocksPerRead + ", " + startBlock);
        }
        if (processors < 1 || processors > 16) {
            throw new IllegalArgumentException("execution.funding.processors must be 1 to 16; got " + processors);
        }
        if (balanceMaxAgeMillis < 0 || balanceMaxAgeMillis > 60_000) {
            throw new IllegalArgumentException("execution.funding.balance-max-age-ms must be 0 to 60000; got "
                    + balanceMaxAgeMillis);
        }
        this.confirmations = confirmations;
        this.processors = processors;
        this.balanceMaxAge = Duration.ofMillis(balanceMaxAgeMillis);
        this.pollInterval = Duration.ofMillis(pollMillis);
        this.maxBlocksPerRead = maxBlocksPerRead;
        this.startBlock = startBlock;
    }

    public int confirmations() {
        return confirmations;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int maxBlocksPerRead() {
        return maxBlocksPerRead;
    }

    public long startBlock() {
        return startBlock;
    }

    public int processors() {
        return processors;
    }

    public Duration balanceMaxAge() {
        return balanceMaxAge;
    }

    /** The newest block whose logs count at {@code head}: its block and the ones after make {@link #confirmations}. */
    long confirmedUpTo(long head) {
        return head - confirmations + 1;
    }
}
