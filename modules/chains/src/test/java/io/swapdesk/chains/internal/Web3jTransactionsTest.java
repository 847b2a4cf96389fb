package io.swapdesk.chains.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.Broadcast;
import io.swapdesk.chains.EscrowFill;
import io.swapdesk.chains.Fees;
import io.swapdesk.chains.Receipt;
import io.swapdesk.chains.SignedTransaction;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.TransactionRequest;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.QuoteRef;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Signing, broadcasting and receipts against a real anvil chain (one block per transaction), with the escrow's fill. */
class Web3jTransactionsTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final Credentials OPERATOR = Credentials.create(AnvilExtension.DEV_KEY_0);
    private static final SignerKey SIGNER = SignerKey.of(AnvilExtension.DEV_KEY_1);
    private static final EvmAddress RECIPIENT = EvmAddress.parse("0x000000000000000000000000000000000000bEEF");
    private static final BigInteger GAS = BigInteger.valueOf(200_000);

    private static Web3j web3j;
    private static RecordingMetricRegistry metrics;
    private static Web3jChains chains;
    private static Web3jTransactions transactions;
    private static Web3jEscrows escrows;
    private static EvmAddress usdc;
    private static EvmAddress escrow;

    @BeforeAll
    static void deploy() throws Exception {
        web3j = Web3j.build(new HttpService(CHAIN.rpcUrl()));
        metrics = new RecordingMetricRegistry();
        chains = new Web3jChains(new ChainSettings(Map.of(CHAIN.chainId(), URI.create(CHAIN.rpcUrl())),
                Duration.ofSeconds(3), Duration.ofSeconds(60)), metrics.registry());
        transactions = new Web3jTransactions(chains);
        escrows = new Web3jEscrows(chains);
        ContractDeployer deployer = new ContractDeployer(web3j, OPERATOR, CHAIN.chainId());
        ContractArtifact token = ContractArtifact.load("TestToken");
        usdc = deployer.deploy(token, token.encodeConstructorArguments(List.of("USD Coin", "USDC", "6")));
        ContractArtifact escrowArtifact = ContractArtifact.load("Escrow");
        escrow = deployer.deploy(escrowArtifact, escrowArtifact.encodeConstructorArguments(List.of(OPERATOR.getAddress())));
        TokenClient client = new TokenClient(web3j, CHAIN.chainId(), usdc);
        client.mint(OPERATOR, escrow, BigInteger.valueOf(1_000_000_000));
        SignedTransaction setSigner = transactions.sign(CHAIN.chainId(), SignerKey.of(AnvilExtension.DEV_KEY_0),
                new TransactionRequest(escrow, data(new Function("setSigner", List.of(
                        new Address(transactions.addressOf(SIGNER).toChecksumString()), new Bool(true)), List.of())),
                        transactions.pendingNonce(CHAIN.chainId(), EvmAddress.parse(OPERATOR.getAddress())), GAS,
                        transactions.suggestedFees(CHAIN.chainId())));
        assertThat(transactions.broadcast(CHAIN.chainId(), setSigner.raw()).status()).isEqualTo(Broadcast.Status.ACCEPTED);
        assertThat(awaitReceipt(setSigner.hash())).map(Receipt::succeeded).contains(true);
    }

    @AfterAll
    static void disconnect() {
        chains.close();
        web3j.shutdown();
    }

    @Test
    void aSignedFillIsMinedOnceAndItsBytesCanBeSentAgainWithoutEffect() {
        QuoteRef quote = new QuoteRef(Ids.newId());
        EvmAddress signer = transactions.addressOf(SIGNER);
        BigInteger nonce = transactions.pendingNonce(CHAIN.chainId(), signer);
        SignedTransaction fill = transactions.sign(CHAIN.chainId(), SIGNER, new TransactionRequest(escrow,
                escrows.fillCalldata(quote, usdc, RECIPIENT, BigInteger.valueOf(1234)), nonce, GAS,
                transactions.suggestedFees(CHAIN.chainId())));

        assertThat(fill.from()).isEqualTo(signer);
        assertThat(fill.hash()).matches("0x[0-9a-f]{64}");
        assertThat(transactions.broadcast(CHAIN.chainId(), fill.raw()).status()).isEqualTo(Broadcast.Status.ACCEPTED);

        Optional<Receipt> receipt = awaitReceipt(fill.hash());
        assertThat(receipt).isPresent();
        assertThat(receipt.get().succeeded()).isTrue();
        assertThat(receipt.get().confirmationsAt(receipt.get().blockNumber())).isEqualTo(1);
        // Mined: the same bytes again take no effect and say so.
        Broadcast again = transactions.broadcast(CHAIN.chainId(), fill.raw());
        assertThat(again.status()).isEqualTo(Broadcast.Status.NONCE_USED);
        assertThat(transactions.latestNonce(CHAIN.chainId(), signer)).isEqualTo(nonce.add(BigInteger.ONE));
        assertThat(escrows.filled(CHAIN.chainId(), escrow, quote)).isTrue();
        EscrowFill found = escrows.findFill(CHAIN.chainId(), escrow, quote, 0).orElseThrow();
        assertThat(found.txHash()).isEqualTo(fill.hash());
        assertThat(found.amount()).isEqualTo(BigInteger.valueOf(1234));
        assertThat(found.recipient()).isEqualTo(RECIPIENT);
        assertThat(found.token()).isEqualTo(usdc);
        assertThat(found.signer()).isEqualTo(signer);
        assertThat(found.blockNumber()).isEqualTo(receipt.get().blockNumber());
        assertThat(metrics.counted(RpcMetrics.CALLS, new Tag("chain", "31337"), new Tag("method", "eth_sendRawTransaction"),
                new Tag("outcome", "ok"))).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSecondFillOfTheSameQuoteRevertsAndTheFirstStaysTheFill() {
        QuoteRef quote = new QuoteRef(Ids.newId());
        EvmAddress signer = transactions.addressOf(SIGNER);
        Fees fees = transactions.suggestedFees(CHAIN.chainId());
        SignedTransaction first = transactions.sign(CHAIN.chainId(), SIGNER, new TransactionRequest(escrow,
                escrows.fillCalldata(quote, usdc, RECIPIENT, BigInteger.TEN),
                transactions.pendingNonce(CHAIN.chainId(), signer), GAS, fees));
        transactions.broadcast(CHAIN.chainId(), first.raw());
        SignedTransaction second = transactions.sign(CHAIN.chainId(), SIGNER, new TransactionRequest(escrow,
                escrows.fillCalldata(quote, usdc, RECIPIENT, BigInteger.TEN),
                transactions.pendingNonce(CHAIN.chainId(), signer), GAS, fees));
        transactions.broadcast(CHAIN.chainId(), second.raw());

        assertThat(awaitReceipt(second.hash())).map(Receipt::succeeded).contains(false);
        assertThat(escrows.findFill(CHAIN.chainId(), escrow, quote, 0)).map(EscrowFill::txHash).contains(first.hash());
    }

    @Test
    void aTransactionNobodySentHasNoReceiptAndAnUnknownQuoteNoFill() {
        assertThat(transactions.receipt(CHAIN.chainId(), "0x" + "ab".repeat(32))).isEmpty();
        assertThat(escrows.findFill(CHAIN.chainId(), escrow, new QuoteRef(Ids.newId()), 0)).isEmpty();
    }

    @Test
    void nodeAnswersAreClassified() {
        assertThat(Web3jTransactions.classify(error("already known")).status()).isEqualTo(Broadcast.Status.ALREADY_KNOWN);
        assertThat(Web3jTransactions.classify(error("transaction already imported")).status())
                .isEqualTo(Broadcast.Status.ALREADY_KNOWN);
        assertThat(Web3jTransactions.classify(error("nonce too low: next nonce 5, tx nonce 4")).status())
                .isEqualTo(Broadcast.Status.NONCE_USED);
        assertThat(Web3jTransactions.classify(error("insufficient funds for gas * price + value")).status())
                .isEqualTo(Broadcast.Status.REJECTED);
    }

    @Test
    void replacementFeesRiseByAtLeastTheAskedShare() {
        Fees fees = new Fees(BigInteger.valueOf(1000), BigInteger.valueOf(3));
        Fees bumped = fees.bumpedBy(13);
        assertThat(bumped.maxFeePerGas()).isEqualTo(BigInteger.valueOf(1130));
        assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(4));
        assertThat(new Fees(BigInteger.ONE, BigInteger.ZERO).bumpedBy(10).maxFeePerGas()).isEqualTo(BigInteger.TWO);
    }

    private static org.web3j.protocol.core.Response.Error error(String message) {
        return new org.web3j.protocol.core.Response.Error(-32000, message);
    }

    private static byte[] data(Function function) {
        return org.web3j.utils.Numeric.hexStringToByteArray(FunctionEncoder.encode(function));
    }

    /** The receipt once the node has one: a busy machine can take a moment even with instant mining. */
    private static java.util.Optional<Receipt> awaitReceipt(String hash) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        java.util.Optional<Receipt> receipt = transactions.receipt(CHAIN.chainId(), hash);
        while (receipt.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            receipt = transactions.receipt(CHAIN.chainId(), hash);
        }
        return receipt;
    }
}
