package io.swapdesk.chains.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.Escrows;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import io.swapdesk.chains.EscrowFill;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** {@link Escrows} with web3j's ABI encoder over {@link Chains#call}, and the escrow's logs. */
@ApplicationScoped
public class Web3jEscrows implements Escrows {

    private static final String FILLED_EVENT =
            org.web3j.crypto.Hash.sha3String("Filled(bytes32,address,address,uint256,address)");

    private static final int WORD = 32;
    private static final byte[] DEPOSIT_SELECTOR = Arrays.copyOf(
            org.web3j.crypto.Hash.sha3("deposit(bytes32,address,uint256)".getBytes(StandardCharsets.US_ASCII)), 4);

    private final Web3jChains chains;

    /** For the CDI client proxy only. */
    protected Web3jEscrows() {
        this.chains = null;
    }

    @Inject
    public Web3jEscrows(Web3jChains chains) {
        this.chains = chains;
    }

    /**
     * {@code deposit(bytes32,address,uint256)}: every argument is static, so the calldata is the selector and three
     * 32-byte words, written here directly. Every quote answer carries it; web3j's encoder (which also hashes the
     * signature for the selector each time) gives the same bytes at several times the cost (EscrowCalldataTest).
     */
    @Override
    public byte[] depositCalldata(QuoteRef quote, EvmAddress token, BigInteger amount) {
        if (amount.signum() < 0 || amount.bitLength() > 256) {
            throw new IllegalArgumentException("a uint256 amount is 0 to 2^256 - 1; got " + amount);
        }
        byte[] calldata = new byte[4 + 3 * WORD];
        System.arraycopy(DEPOSIT_SELECTOR, 0, calldata, 0, 4);
        System.arraycopy(quote.toBytes32(), 0, calldata, 4, WORD);
        System.arraycopy(token.bytes(), 0, calldata, 4 + 2 * WORD - EvmAddress.LENGTH, EvmAddress.LENGTH);
        byte[] value = amount.toByteArray(); // big-endian, possibly with a leading sign byte of zero
        int length = Math.min(value.length, WORD);
        System.arraycopy(value, value.length - length, calldata, calldata.length - length, length);
        return calldata;
    }

    @Override
    public byte[] fillCalldata(QuoteRef quote, EvmAddress token, EvmAddress recipient, BigInteger amount) {
        return encode(new Function("fill", List.of(new Bytes32(quote.toBytes32()), address(token), address(recipient),
                new Uint256(amount)), List.of()));
    }

    @Override
    public boolean filled(ChainId chain, EvmAddress escrow, QuoteRef quote) {
        byte[] answer = chains.call(chain, escrow, encode(new Function("filled",
                List.of(new Bytes32(quote.toBytes32())), List.of(new TypeReference<Bool>() { }))));
        if (answer.length != 32) {
            throw new DomainException(ChainsError.CALL_REVERTED, "chain " + chain + ": " + escrow
                    + " did not answer filled(bytes32) like an escrow", Map.of("chainId", chain.value()));
        }
        return new BigInteger(1, answer).signum() != 0;
    }

    @Override
    public Optional<EscrowFill> findFill(ChainId chain, EvmAddress escrow, QuoteRef quote, long fromBlock) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameterName.LATEST, escrow.toChecksumString());
        filter.addSingleTopic(FILLED_EVENT);
        filter.addSingleTopic(quote.toHex());
        List<EthLog.LogResult> logs = chains.rpc(chain, web3j -> web3j.ethGetLogs(filter)).getLogs();
        for (EthLog.LogResult<?> result : logs) {
            if (result.get() instanceof Log log && !log.isRemoved() && log.getTopics().size() == 4) {
                byte[] data = Numeric.hexStringToByteArray(log.getData());
                if (data.length != 64) {
                    continue;
                }
                return Optional.of(new EscrowFill(log.getTransactionHash(), log.getBlockNumber().longValueExact(),
                        topicAddress(log.getTopics().get(2)), topicAddress(log.getTopics().get(3)),
                        new BigInteger(1, Arrays.copyOfRange(data, 0, 32)),
                        EvmAddress.of(Arrays.copyOfRange(data, 44, 64))));
            }
        }
        return Optional.empty();
    }

    private static EvmAddress topicAddress(String topic) {
        byte[] word = Numeric.hexStringToByteArray(topic);
        return EvmAddress.of(Arrays.copyOfRange(word, 12, 32));
    }

    private static Address address(EvmAddress address) {
        return new Address(address.toChecksumString());
    }

    private static byte[] encode(Function function) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(function));
    }
}
