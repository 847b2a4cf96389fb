package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The swap end to end on the two harness chains: a signed-in user quotes 100 USDC on 31337 for WETH on 31338, the
 * payer deposits into the escrow with the quote's own calldata, and SwapDesk sees the deposit, commits the quote,
 * fills it from the treasury on 31338 exactly once and tells the user over WebSocket. A second deposit for the same
 * quote, and a deposit for an unknown quote, are routed to refund, never filled.
 */
class SwapIT {

    /** Anvil's dev account 2, funded with USDC and approving the escrow (as in DepositWatchIT). */
    private static final Credentials PAYER =
            Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void contractsPricesAndAPayer() throws Exception {
        LocalContracts.ensureDeployed();
        PricesIT.deployFeeds();
        QuotesIT.awaitAvailable("USDC-ETH");
        LocalContracts.mint(31337, LocalContracts.USDC, EvmAddress.parse(PAYER.getAddress()),
                BigInteger.valueOf(1_000_000_000));
        send(31337, LocalContracts.USDC, FunctionEncoder.encode(new Function("approve", List.of(
                new Address(LocalContracts.ESCROW.toChecksumString()), new Uint256(BigInteger.TWO.pow(255))), List.of())));
    }

    @Test
    void aPaidQuoteIsFilledOnTheOtherChainOnceAndTheUserSeesItLive() throws Exception {
        TestWallet recipient = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(recipient);
        JsonObject quote = createQuote(user, recipient.address());
        String quoteId = quote.getString("id");
        BigInteger amountOut = new BigInteger(quote.getString("amountOut"));

        try (WebSocketIT.Client live = WebSocketIT.Client.connect()) {
            live.send("{\"op\":\"auth\",\"token\":\"" + user.token() + "\"}");
            assertThat(live.next().getString("type")).isEqualTo("authenticated");
            live.send("{\"op\":\"subscribe\",\"channel\":\"account\"}");
            assertThat(live.next().getString("type")).isEqualTo("subscribed");

            JsonObject deposit = quote.getJsonObject("deposit");
            send(deposit.getInt("chainId"), EvmAddress.parse(deposit.getString("escrow")), deposit.getString("calldata"));

            JsonObject completed = awaitStatus(user, quoteId, "COMPLETED");
            JsonObject execution = completed.getJsonObject("execution");
            assertThat(execution.getString("txHash")).matches("0x[0-9a-f]{64}");
            assertThat(new BigInteger(execution.getString("amountDelivered"))).isEqualTo(amountOut);
            assertThat(wethBalance(recipient.address())).isEqualTo(amountOut);
            assertThat(awaitEvent(live, "execution.completed").getJsonObject("data").toString()).contains(quoteId);
        }

        // Pay the same quote again: the second payment is refunded, never filled a second time.
        JsonObject deposit = quote.getJsonObject("deposit");
        String second = send(31337, EvmAddress.parse(deposit.getString("escrow")), deposit.getString("calldata"));
        assertThat(awaitDepositState(second)).isEqualTo("REFUND_PENDING ALREADY_COMMITTED");
        assertThat(wethBalance(recipient.address())).isEqualTo(amountOut);
    }

    @Test
    void anUnderpaidQuoteGoesToRefundWithItsReason() throws Exception {
        TestWallet recipient = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(recipient);
        JsonObject quote = createQuote(user, recipient.address());
        String ref = quote.getJsonObject("deposit").getString("quoteRef");

        String tx = send(31337, LocalContracts.ESCROW, FunctionEncoder.encode(new Function("deposit", List.of(
                new org.web3j.abi.datatypes.generated.Bytes32(Numeric.hexStringToByteArray(ref)),
                new Address(LocalContracts.USDC.toChecksumString()), new Uint256(1_000)), List.of())));

        assertThat(awaitDepositState(tx)).isEqualTo("REFUND_PENDING UNDERPAID");
        JsonObject refunding = awaitStatus(user, quote.getString("id"), "REFUNDING");
        assertThat(refunding.getJsonObject("execution").getString("reason")).isEqualTo("UNDERPAID");
        assertThat(wethBalance(recipient.address())).isZero();
    }

    private static JsonObject createQuote(SignInClient.Session user, String recipient) throws Exception {
        String body = Json.createObjectBuilder()
                .add("from", Json.createObjectBuilder().add("chainId", 31337).add("asset", "USDC").add("amount", "100000000"))
                .add("to", Json.createObjectBuilder().add("chainId", 31338).add("asset", "WETH"))
                .add("recipient", recipient).build().toString();
        HttpResponse<String> response = Http.send(Http.authorized(TestEnvironment.uri("/api/quotes"), user.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private static JsonObject awaitStatus(SignInClient.Session user, String quoteId, String status) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonObject quote;
        do {
            assertThat(Instant.now()).as("quote %s %s within %s", quoteId, status, WAIT).isBefore(deadline);
            Thread.sleep(300);
            quote = Http.json(Http.get(TestEnvironment.uri("/api/quotes/" + quoteId), user.token()));
        } while (!status.equals(quote.getString("status")));
        return quote;
    }

    private static JsonObject awaitEvent(WebSocketIT.Client live, String type) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            JsonObject frame = live.poll(1000);
            if (frame != null && type.equals(frame.getString("type", ""))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " event within " + WAIT);
    }

    /** "STATE REASON" of the deposit made by {@code txHash}, once it is no longer RECEIVED. */
    private static String awaitDepositState(String txHash) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try (Connection db = TestEnvironment.database();
                 PreparedStatement query = db.prepareStatement(
                         "SELECT state, reason FROM execution.deposits WHERE tx_hash = ?")) {
                query.setString(1, txHash);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && !"RECEIVED".equals(row.getString(1))) {
                        return row.getString(1) + " " + row.getString(2);
                    }
                }
            }
            assertThat(Instant.now()).as("deposit %s handled within %s", txHash, WAIT).isBefore(deadline);
            Thread.sleep(300);
        }
    }

    private static BigInteger wethBalance(String holder) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.chains().get(31338L)));
        try {
            Function balanceOf = new Function("balanceOf", List.of(new Address(holder)),
                    List.of(new TypeReference<Uint256>() { }));
            String answer = web3j.ethCall(Transaction.createEthCallTransaction(null, LocalContracts.WETH.toChecksumString(),
                    FunctionEncoder.encode(balanceOf)), DefaultBlockParameterName.LATEST).send().getValue();
            return ((Uint256) FunctionReturnDecoder.decode(answer, balanceOf.getOutputParameters()).getFirst()).getValue();
        } finally {
            web3j.shutdown();
        }
    }

    /** Sends from the payer and waits for success; returns the transaction hash. */
    private static String send(long chainId, EvmAddress to, String data) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.chains().get(chainId)));
        try {
            return LocalContracts.send(web3j, ChainId.of(chainId), PAYER, to, data).getTransactionHash();
        } finally {
            web3j.shutdown();
        }
    }
}
