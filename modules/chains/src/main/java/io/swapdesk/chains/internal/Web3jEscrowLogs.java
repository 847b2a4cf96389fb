package io.swapdesk.chains.internal;

import io.swapdesk.chains.DepositLog;
import io.swapdesk.chains.EscrowLogs;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** {@link EscrowLogs} over {@code eth_getLogs}, decoding {@code Deposited}'s three indexed topics and its data. */
@ApplicationScoped
public class Web3jEscrowLogs implements EscrowLogs {

    static final String DEPOSITED = Hash.sha3String("Deposited(bytes32,address,address,uint256)");

    private final Web3jChains chains;

    /** For the CDI client proxy only. */
    protected Web3jEscrowLogs() {
        this.chains = null;
    }

    @Inject
    public Web3jEscrowLogs(Web3jChains chains) {
        this.chains = chains;
    }

    @Override
    public List<DepositLog> deposits(ChainId chain, EvmAddress escrow, long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), escrow.toChecksumString());
        filter.addSingleTopic(DEPOSITED);
        List<DepositLog> deposits = new ArrayList<>();
        Map<String, Instant> blockTimes = new HashMap<>();
        for (EthLog.LogResult<?> result : chains.logs(chain, filter)) {
            if (result.get() instanceof Log log && !log.isRemoved() && log.getTopics().size() == 4
                    && DEPOSITED.equals(log.getTopics().getFirst())) {
                // Logs carry no timestamp: one header read per block that holds deposits.
                Instant blockTime = blockTimes.computeIfAbsent(log.getBlockHash(), hash -> chains.blockTime(chain, hash));
                deposits.add(decode(chain, log, blockTime));
            }
        }
        deposits.sort(Comparator.comparingLong(DepositLog::blockNumber).thenComparingLong(DepositLog::logIndex));
        return deposits;
    }

    private static DepositLog decode(ChainId chain, Log log, Instant blockTime) {
        String quoteIdHex = log.getTopics().get(1);
        return new DepositLog(chain, log.getBlockNumber().longValueExact(), log.getBlockHash(), blockTime,
                log.getTransactionHash(),
                log.getLogIndex().longValueExact(), quoteIdHex, quoteRef(quoteIdHex), topicAddress(log.getTopics().get(2)),
                topicAddress(log.getTopics().get(3)), Numeric.toBigInt(log.getData()));
    }

    private static Optional<QuoteRef> quoteRef(String hex) {
        try {
            return Optional.of(QuoteRef.fromBytes32(Numeric.hexStringToByteArray(hex)));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /** An indexed address is its 20 bytes right-aligned in a 32-byte topic. */
    private static EvmAddress topicAddress(String topic) {
        byte[] word = Numeric.hexStringToByteArray(topic);
        return EvmAddress.of(java.util.Arrays.copyOfRange(word, 12, 32));
    }
}
