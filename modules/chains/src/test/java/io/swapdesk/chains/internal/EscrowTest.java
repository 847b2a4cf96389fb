package io.swapdesk.chains.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.QuoteRef;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/** The escrow contract on a real chain: deposit, fill once, refund once, and who may do what. */
class EscrowTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final Credentials OPERATOR = Credentials.create(AnvilExtension.DEV_KEY_0);
    private static final Credentials SIGNER = Credentials.create(AnvilExtension.DEV_KEY_1);
    /** Anvil's dev account 2: the payer. */
    private static final Credentials PAYER =
            Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    private static final EvmAddress RECIPIENT = EvmAddress.parse("0x000000000000000000000000000000000000bEEF");
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(300_000);
    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);
    private static final String DEPOSITED = Hash.sha3String("Deposited(bytes32,address,address,uint256)");

    private static Web3j web3j;
    private static Web3jChains chains;
    private static Web3jEscrows escrows;
    private static EvmAddress usdc;
    private static EvmAddress escrow;
    private static TokenClient token;

    @BeforeAll
    static void deploy() throws Exception {
        web3j = Web3j.build(new HttpService(CHAIN.rpcUrl()));
        chains = new Web3jChains(new ChainSettings(Map.of(CHAIN.chainId(), URI.create(CHAIN.rpcUrl())),
                Duration.ofSeconds(3), Duration.ofSeconds(60)), new RecordingMetricRegistry().registry());
        escrows = new Web3jEscrows(chains);
        ContractDeployer deployer = new ContractDeployer(web3j, OPERATOR, CHAIN.chainId());
        ContractArtifact testToken = ContractArtifact.load("TestToken");
        usdc = deployer.deploy(testToken, testToken.encodeConstructorArguments(List.of("USD Coin", "USDC", "6")));
        ContractArtifact escrowArtifact = ContractArtifact.load("Escrow");
        escrow = deployer.deploy(escrowArtifact, escrowArtifact.encodeConstructorArguments(List.of(OPERATOR.getAddress())));
        token = new TokenClient(web3j, CHAIN.chainId(), usdc);
        token.mint(OPERATOR, EvmAddress.parse(PAYER.getAddress()), BigInteger.valueOf(1_000_000_000));
        token.approve(PAYER, escrow, BigInteger.valueOf(1_000_000_000));
        assertThat(send(OPERATOR, new Function("setSigner", List.of(new Address(SIGNER.getAddress()), new Bool(true)),
                List.of())).isStatusOK()).isTrue();
    }

    @AfterAll
    static void disconnect() {
        chains.close();
        web3j.shutdown();
    }

    @Test
    void aDepositMovesTheTokensAndNamesTheQuoteInItsEvent() throws Exception {
        QuoteRef quote = new QuoteRef(Ids.newId());
        BigInteger before = token.balanceOf(escrow);

        TransactionReceipt receipt = send(PAYER, escrows.depositCalldata(quote, usdc, BigInteger.valueOf(100_000_000)));

        assertThat(receipt.isStatusOK()).isTrue();
        assertThat(token.balanceOf(escrow)).isEqualTo(before.add(BigInteger.valueOf(100_000_000)));
        Log deposited = receipt.getLogs().stream().filter(log -> log.getTopics().getFirst().equals(DEPOSITED))
                .findFirst().orElseThrow();
        assertThat(QuoteRef.fromBytes32(Numeric.hexStringToByteArray(deposited.getTopics().get(1)))).isEqualTo(quote);
        assertThat(new BigInteger(1, Numeric.hexStringToByteArray(deposited.getData()))).isEqualTo(100_000_000);
    }

    @Test
    void aSignerFillsAQuoteOnceAndTheSecondFillReverts() throws Exception {
        QuoteRef quote = new QuoteRef(Ids.newId());
        send(PAYER, escrows.depositCalldata(new QuoteRef(Ids.newId()), usdc, BigInteger.valueOf(50_000_000)));
        assertThat(escrows.filled(CHAIN.chainId(), escrow, quote)).isFalse();

        TransactionReceipt first = send(SIGNER, escrows.fillCalldata(quote, usdc, RECIPIENT, BigInteger.valueOf(7_000_000)));
        TransactionReceipt second = send(SIGNER, escrows.fillCalldata(quote, usdc, RECIPIENT, BigInteger.valueOf(7_000_000)));

        assertThat(first.isStatusOK()).isTrue();
        assertThat(second.isStatusOK()).isFalse();
        assertThat(token.balanceOf(RECIPIENT)).isEqualTo(7_000_000);
        assertThat(escrows.filled(CHAIN.chainId(), escrow, quote)).isTrue();
    }

    @Test
    void onlySignersFillAndOnlyTheOperatorRefundsOnce() throws Exception {
        QuoteRef quote = new QuoteRef(Ids.newId());
        send(PAYER, escrows.depositCalldata(quote, usdc, BigInteger.valueOf(3_000_000)));
        EvmAddress payer = EvmAddress.parse(PAYER.getAddress());
        BigInteger payerBefore = token.balanceOf(payer);

        assertThat(send(PAYER, escrows.fillCalldata(quote, usdc, payer, BigInteger.ONE)).isStatusOK()).isFalse();
        assertThat(send(SIGNER, refund(quote, payer, 3_000_000)).isStatusOK()).isFalse();
        assertThat(send(OPERATOR, refund(quote, payer, 3_000_000)).isStatusOK()).isTrue();
        assertThat(send(OPERATOR, refund(quote, payer, 3_000_000)).isStatusOK()).isFalse();
        assertThat(token.balanceOf(payer)).isEqualTo(payerBefore.add(BigInteger.valueOf(3_000_000)));
    }

    @Test
    void depositLogsAreReadBackAsRecordsInChainOrder() throws Exception {
        QuoteRef first = new QuoteRef(Ids.newId());
        QuoteRef second = new QuoteRef(Ids.newId());
        long from = send(PAYER, escrows.depositCalldata(first, usdc, BigInteger.valueOf(11))).getBlockNumber().longValueExact();
        long to = send(PAYER, escrows.depositCalldata(second, usdc, BigInteger.valueOf(22))).getBlockNumber().longValueExact();
        byte[] foreignRef = new byte[32];
        foreignRef[0] = 1;
        long foreign = send(PAYER, Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function("deposit", List.of(
                new Bytes32(foreignRef), new Address(usdc.toChecksumString()), new Uint256(33)), List.of()))))
                .getBlockNumber().longValueExact();

        List<io.swapdesk.chains.DepositLog> logs = new Web3jEscrowLogs(chains).deposits(CHAIN.chainId(), escrow, from,
                Math.max(to, foreign));

        assertThat(logs).extracting(io.swapdesk.chains.DepositLog::amount)
                .containsExactly(BigInteger.valueOf(11), BigInteger.valueOf(22), BigInteger.valueOf(33));
        assertThat(logs.get(0).quote()).contains(first);
        assertThat(logs.get(1).quote()).contains(second);
        assertThat(logs.get(2).quote()).isEmpty();
        assertThat(logs.get(0).payer()).isEqualTo(EvmAddress.parse(PAYER.getAddress()));
        assertThat(logs.get(0).token()).isEqualTo(usdc);
        assertThat(logs.get(0).txHash()).matches("0x[0-9a-f]{64}");
    }

    @Test
    void theQuoteReferenceIsTheUuidInTheLowSixteenBytes() {
        QuoteRef quote = new QuoteRef(java.util.UUID.fromString("01900000-0000-7000-8000-0000000000ab"));

        assertThat(quote.toHex()).isEqualTo("0x00000000000000000000000000000000019000000000700080000000000000ab");
        assertThat(QuoteRef.fromBytes32(quote.toBytes32())).isEqualTo(quote);
    }

    private static byte[] refund(QuoteRef quote, EvmAddress to, long amount) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function("refund", List.of(
                new Bytes32(quote.toBytes32()), new Address(usdc.toChecksumString()), new Address(to.toChecksumString()),
                new Uint256(amount)), List.of())));
    }

    private static TransactionReceipt send(Credentials sender, Function function) throws Exception {
        return send(sender, Numeric.hexStringToByteArray(FunctionEncoder.encode(function)), escrow);
    }

    private static TransactionReceipt send(Credentials sender, byte[] calldata) throws Exception {
        return send(sender, calldata, escrow);
    }

    /** A fixed gas limit, so that a reverting transaction is mined (status 0) instead of refused by estimation. */
    private static TransactionReceipt send(Credentials sender, byte[] calldata, EvmAddress to) throws Exception {
        PollingTransactionReceiptProcessor receipts = new PollingTransactionReceiptProcessor(web3j, 100, 100);
        RawTransactionManager transactions = new RawTransactionManager(web3j, sender, CHAIN.chainId().value(), receipts);
        EthSendTransaction sent = transactions.sendEIP1559Transaction(CHAIN.chainId().value(), ONE_GWEI,
                ONE_GWEI.multiply(BigInteger.valueOf(100)), GAS_LIMIT, to.toChecksumString(), Numeric.toHexString(calldata),
                BigInteger.ZERO);
        assertThat(sent.hasError()).as(() -> sent.getError().getMessage()).isFalse();
        return receipts.waitForTransactionReceipt(sent.getTransactionHash());
    }
}
