package io.swapdesk.chains.internal;

import io.swapdesk.chains.Broadcast;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.Fees;
import io.swapdesk.chains.Receipt;
import io.swapdesk.chains.SignedTransaction;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.TransactionHashes;
import io.swapdesk.chains.TransactionRequest;
import io.swapdesk.chains.Transactions;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthMaxPriorityFeePerGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Transactions} over the chains' verified web3j clients ({@link Web3jChains#rpc}), so every call has the
 * module's timeouts, chain-id check and metrics. Keys are only ever turned into web3j {@link Credentials} for the
 * moment of signing, and never appear in a message.
 */
@ApplicationScoped
public class Web3jTransactions implements Transactions {

    /** A tip for nodes that do not know {@code eth_maxPriorityFeePerGas}: 1 gwei. */
    static final BigInteger DEFAULT_TIP = BigInteger.TEN.pow(9);

    private final Web3jChains chains;

    /** For the CDI client proxy only. */
    protected Web3jTransactions() {
        this.chains = null;
    }

    @Inject
    public Web3jTransactions(Web3jChains chains) {
        this.chains = Objects.requireNonNull(chains, "chains");
    }

    @Override
    public EvmAddress addressOf(SignerKey key) {
        return EvmAddress.parse(Credentials.create(key.reveal()).getAddress());
    }

    @Override
    public SignedTransaction sign(ChainId chain, SignerKey key, TransactionRequest request) {
        RawTransaction transaction = RawTransaction.createTransaction(chain.value(), request.nonce(),
                request.gasLimit(), request.to().toChecksumString(), BigInteger.ZERO, Numeric.toHexString(request.data()),
                request.fees().maxPriorityFeePerGas(), request.fees().maxFeePerGas());
        Credentials credentials = Credentials.create(key.reveal());
        byte[] raw = TransactionEncoder.signMessage(transaction, chain.value(), credentials);
        return new SignedTransaction(chain, EvmAddress.parse(credentials.getAddress()), request.nonce(), request.fees(),
                raw, Numeric.toHexString(Hash.sha3(raw)));
    }

    @Override
    public Fees suggestedFees(ChainId chain) {
        EthBlock.Block head = chains.rpc(chain, web3j -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST,
                false)).getBlock();
        BigInteger baseFee = head.getBaseFeePerGas() == null ? BigInteger.ZERO : head.getBaseFeePerGas();
        EthMaxPriorityFeePerGas tipAnswer = chains.rpcAnswer(chain, web3j -> web3j.ethMaxPriorityFeePerGas());
        BigInteger tip = tipAnswer.hasError() || tipAnswer.getResult() == null ? DEFAULT_TIP
                : tipAnswer.getMaxPriorityFeePerGas();
        return new Fees(baseFee.shiftLeft(1).add(tip), tip);
    }

    @Override
    public Broadcast broadcast(ChainId chain, byte[] raw) {
        EthSendTransaction answer = chains.rpcAnswer(chain, web3j -> web3j.ethSendRawTransaction(Numeric.toHexString(raw)));
        if (!answer.hasError()) {
            if (answer.getTransactionHash() == null) {
                throw new DomainException(ChainsError.CHAIN_UNAVAILABLE, "chain " + chain
                        + " is unavailable: eth_sendRawTransaction answered without a hash", Map.of("chainId", chain.value()));
            }
            return new Broadcast(Broadcast.Status.ACCEPTED, "");
        }
        return classify(answer.getError());
    }

    /**
     * Node answers as geth, anvil, Erigon, Nethermind and Besu word them. "Already known" and "nonce too low" are the
     * two a re-broadcast meets; the rest are refusals.
     */
    static Broadcast classify(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String detail = Web3jChains.firstLine(message);
        if (lower.contains("already known") || lower.contains("already imported") || lower.contains("alreadyknown")
                || lower.contains("known transaction") || lower.contains("already in pool")
                || lower.contains("already exists")) {
            return new Broadcast(Broadcast.Status.ALREADY_KNOWN, detail);
        }
        if (lower.contains("nonce too low") || lower.contains("oldnonce") || lower.contains("nonce is too low")
                || lower.contains("nonce has already been used")) {
            return new Broadcast(Broadcast.Status.NONCE_USED, detail);
        }
        return new Broadcast(Broadcast.Status.REJECTED, detail);
    }

    @Override
    public Optional<Receipt> receipt(ChainId chain, String txHash) {
        var answer = chains.rpcAnswer(chain, web3j -> web3j.ethGetTransactionReceipt(TransactionHashes.require(txHash)));
        if (answer.hasError()) {
            throw new DomainException(ChainsError.CHAIN_UNAVAILABLE, "chain " + chain + " is unavailable: "
                    + "eth_getTransactionReceipt answered error " + answer.getError().getCode() + ": "
                    + Web3jChains.firstLine(answer.getError().getMessage()), Map.of("chainId", chain.value()));
        }
        Optional<TransactionReceipt> receipt = answer.getTransactionReceipt();
        return receipt.filter(r -> r.getBlockNumberRaw() != null && r.getBlockHash() != null)
                .map(r -> new Receipt(r.getTransactionHash(), r.isStatusOK(), r.getBlockNumber().longValueExact(),
                        r.getBlockHash()));
    }

    @Override
    public BigInteger latestNonce(ChainId chain, EvmAddress address) {
        return chains.rpc(chain, web3j -> web3j.ethGetTransactionCount(address.toChecksumString(),
                DefaultBlockParameterName.LATEST)).getTransactionCount();
    }

    @Override
    public BigInteger pendingNonce(ChainId chain, EvmAddress address) {
        return chains.rpc(chain, web3j -> web3j.ethGetTransactionCount(address.toChecksumString(),
                DefaultBlockParameterName.PENDING)).getTransactionCount();
    }
}
