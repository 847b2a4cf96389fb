package io.swapdesk.chains.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Calls a deployed TestToken in tests with plain FunctionEncoder/FunctionReturnDecoder calls.
 * Transactions carry a fixed gas limit, so a reverting one is mined (status 0) instead of being
 * refused by gas estimation: the tests want to see the revert on chain.
 */
final class TokenClient {

    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(200_000);
    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);

    private final Web3j web3j;
    private final ChainId chainId;
    private final EvmAddress token;

    TokenClient(Web3j web3j, ChainId chainId, EvmAddress token) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.token = token;
    }

    String name() throws IOException {
        return call("name", new TypeReference<Utf8String>() { }).toString();
    }

    String symbol() throws IOException {
        return call("symbol", new TypeReference<Utf8String>() { }).toString();
    }

    int decimals() throws IOException {
        return ((Uint8) call("decimals", new TypeReference<Uint8>() { })).getValue().intValueExact();
    }

    EvmAddress owner() throws IOException {
        return EvmAddress.parse(call("owner", new TypeReference<Address>() { }).toString());
    }

    BigInteger totalSupply() throws IOException {
        return ((Uint256) call("totalSupply", new TypeReference<Uint256>() { })).getValue();
    }

    BigInteger balanceOf(EvmAddress holder) throws IOException {
        return ((Uint256) call("balanceOf", new TypeReference<Uint256>() { }, address(holder))).getValue();
    }

    BigInteger allowance(EvmAddress holder, EvmAddress spender) throws IOException {
        return ((Uint256) call("allowance", new TypeReference<Uint256>() { }, address(holder), address(spender)))
                .getValue();
    }

    /** Simulates mint from {@code sender} (eth_call) and returns the revert data, or empty if it would succeed. */
    String mintRevertData(EvmAddress sender, EvmAddress to, BigInteger value) throws IOException {
        Function mint = new Function("mint", List.of(address(to), new Uint256(value)), List.of());
        EthCall answer = web3j.ethCall(Transaction.createEthCallTransaction(sender.toChecksumString(),
                token.toChecksumString(), FunctionEncoder.encode(mint)), DefaultBlockParameterName.LATEST).send();
        if (!answer.hasError() || answer.getError().getData() == null) {
            return "";
        }
        // web3j keeps the error's data as raw JSON: a quoted hex string here.
        return answer.getError().getData().replace("\"", "");
    }

    TransactionReceipt mint(Credentials sender, EvmAddress to, BigInteger value) throws Exception {
        return send(sender, new Function("mint", List.of(address(to), new Uint256(value)), List.of()));
    }

    TransactionReceipt transfer(Credentials sender, EvmAddress to, BigInteger value) throws Exception {
        return send(sender, new Function("transfer", List.of(address(to), new Uint256(value)), List.of()));
    }

    TransactionReceipt approve(Credentials sender, EvmAddress spender, BigInteger value) throws Exception {
        return send(sender, new Function("approve", List.of(address(spender), new Uint256(value)), List.of()));
    }

    TransactionReceipt transferFrom(Credentials sender, EvmAddress from, EvmAddress to, BigInteger value)
            throws Exception {
        return send(sender, new Function("transferFrom", List.of(address(from), address(to), new Uint256(value)),
                List.of()));
    }

    @SuppressWarnings("rawtypes")
    private Type call(String function, TypeReference<?> returns, Type... args) throws IOException {
        Function call = new Function(function, List.of(args), List.of(returns));
        EthCall answer = web3j.ethCall(Transaction.createEthCallTransaction(null, token.toChecksumString(),
                FunctionEncoder.encode(call)), DefaultBlockParameterName.LATEST).send();
        if (answer.hasError() || answer.isReverted()) {
            throw new IllegalStateException(function + "() failed: " + answer.getRevertReason());
        }
        List<Type> decoded = FunctionReturnDecoder.decode(answer.getValue(), call.getOutputParameters());
        return decoded.getFirst();
    }

    private TransactionReceipt send(Credentials sender, Function function) throws IOException, TransactionException {
        PollingTransactionReceiptProcessor receipts = new PollingTransactionReceiptProcessor(web3j, 200, 50);
        RawTransactionManager transactions = new RawTransactionManager(web3j, sender, chainId.value(), receipts);
        EthSendTransaction sent = transactions.sendEIP1559Transaction(chainId.value(), ONE_GWEI, ONE_GWEI.multiply(
                BigInteger.valueOf(100)), GAS_LIMIT, token.toChecksumString(), FunctionEncoder.encode(function),
                BigInteger.ZERO);
        if (sent.hasError()) {
            throw new IllegalStateException(function.getName() + " was refused: " + sent.getError().getMessage());
        }
        return receipts.waitForTransactionReceipt(sent.getTransactionHash());
    }

    private static Address address(EvmAddress address) {
        return new Address(address.toChecksumString());
    }
}
