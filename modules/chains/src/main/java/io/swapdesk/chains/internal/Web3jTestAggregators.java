package io.swapdesk.chains.internal;

import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.TestAggregators;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link TestAggregators} with legacy transactions from the owner's key, signed here and sent
 * through the chain's verified web3j client. One sender at a time (synchronized), so two pushes from
 * this server never take the same nonce.
 */
@ApplicationScoped
public class Web3jTestAggregators implements TestAggregators {

    static final String CONTRACT = "TestAggregator";
    /** updateAnswer / setRound write at most four fresh storage slots and two events: well below this. */
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(250_000);
    private static final long RECEIPT_POLL_INTERVAL_MS = 100;
    private static final int RECEIPT_POLL_ATTEMPTS = 100;

    private final Web3jChains chains;

    /** For the CDI client proxy only. */
    protected Web3jTestAggregators() {
        this.chains = null;
    }

    @Inject
    public Web3jTestAggregators(Web3jChains chains) {
        this.chains = Objects.requireNonNull(chains, "chains");
    }

    @Override
    public synchronized EvmAddress deploy(ChainId chain, SignerKey owner, int decimals, String description,
                                          BigInteger initialAnswer) {
        ContractArtifact artifact = ContractArtifact.load(CONTRACT);
        String arguments = artifact.encodeConstructorArguments(
                List.of(Integer.toString(decimals), description, initialAnswer.toString()));
        try {
            return new ContractDeployer(chains.web3j(chain), credentials(owner), chain).deploy(artifact, arguments);
        } catch (ContractDeploymentException e) {
            throw new DomainException(ChainsError.CHAIN_UNAVAILABLE, e.getMessage(), Map.of("chainId", chain.value()));
        }
    }

    @Override
    public synchronized String pushAnswer(ChainId chain, EvmAddress feed, SignerKey owner, BigInteger answer) {
        Function update = new Function("updateAnswer", List.of(new Int256(answer)), List.of());
        return send(chain, feed, owner, update).getTransactionHash();
    }

    @Override
    public synchronized void setRound(ChainId chain, EvmAddress feed, SignerKey owner, BigInteger roundId,
                                      BigInteger answer, Instant startedAt, Instant updatedAt,
                                      BigInteger answeredInRound) {
        Function setRound = new Function("setRound", List.of(new Uint80(roundId), new Int256(answer),
                new Uint256(startedAt.getEpochSecond()), new Uint256(updatedAt.getEpochSecond()),
                new Uint80(answeredInRound)), List.of());
        String hash = send(chain, feed, owner, setRound).getTransactionHash();
        Web3j web3j = chains.web3j(chain);
        try {
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_INTERVAL_MS,
                    RECEIPT_POLL_ATTEMPTS).waitForTransactionReceipt(hash);
            if (!receipt.isStatusOK()) {
                throw new DomainException(ChainsError.CALL_REVERTED, "chain " + chain + ": setRound on " + feed
                        + " reverted in " + hash + "; is the key the feed's owner?", Map.of("chainId", chain.value()));
            }
        } catch (IOException | TransactionException | ClientConnectionException e) {
            throw unavailable(chain, "no receipt for " + hash + ": " + e.getMessage());
        }
    }

    private EthSendTransaction send(ChainId chain, EvmAddress feed, SignerKey owner, Function function) {
        Web3j web3j = chains.web3j(chain);
        RawTransactionManager transactions = new RawTransactionManager(web3j, credentials(owner), chain.value());
        try {
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            EthSendTransaction sent = transactions.sendTransaction(gasPrice, GAS_LIMIT, feed.toChecksumString(),
                    FunctionEncoder.encode(function), BigInteger.ZERO);
            if (sent.hasError()) {
                throw unavailable(chain, function.getName() + " was refused: " + sent.getError().getMessage());
            }
            return sent;
        } catch (IOException | ClientConnectionException e) {
            throw unavailable(chain, function.getName() + " could not be sent: " + e.getMessage());
        }
    }

    private static Credentials credentials(SignerKey key) {
        return Credentials.create(key.reveal());
    }

    private static DomainException unavailable(ChainId chain, String reason) {
        return new DomainException(ChainsError.CHAIN_UNAVAILABLE, "chain " + chain + ": " + reason,
                Map.of("chainId", chain.value()));
    }
}
