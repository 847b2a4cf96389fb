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
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * What a user and their wallet do in a swap, as the swap tests do it: quote over HTTP, pay the escrow on chain 31337
 * from the wallet, watch the quote and the account channel. Chain 31337 is the source, 31338 the destination.
 */
final class Swaps {

    static final long SOURCE = 31337;
    static final long DESTINATION = 31338;
    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(300_000);

    private Swaps() {
    }

    /** A USDC (31337) → WETH (31338) quote for {@code amountIn} USDC base units, paid out to {@code recipient}. */
    static JsonObject quote(SignInClient.Session user, String recipient, BigInteger amountIn) throws Exception {
        String body = Json.createObjectBuilder()
                .add("from", Json.createObjectBuilder().add("chainId", SOURCE).add("asset", "USDC")
                        .add("amount", amountIn.toString()))
                .add("to", Json.createObjectBuilder().add("chainId", DESTINATION).add("asset", "WETH"))
                .add("recipient", recipient).build().toString();
        HttpResponse<String> response = Http.send(Http.authorized(TestEnvironment.uri("/api/quotes"), user.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    /** The quote as its owner reads it, once it has {@code status}. */
    static JsonObject awaitStatus(SignInClient.Session user, String quoteId, String status, Duration wait)
            throws Exception {
        Instant deadline = Instant.now().plus(wait);
        JsonObject quote;
        do {
            assertThat(Instant.now()).as("quote %s %s within %s", quoteId, status, wait).isBefore(deadline);
            Thread.sleep(300);
            quote = Http.json(Http.get(TestEnvironment.uri("/api/quotes/" + quoteId), user.token()));
        } while (!status.equals(quote.getString("status")));
        return quote;
    }

    /** "STATE REASON" of the deposit made by {@code txHash}, once it is no longer RECEIVED. */
    static String awaitDepositState(String txHash, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
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
            assertThat(Instant.now()).as("deposit %s handled within %s", txHash, wait).isBefore(deadline);
            Thread.sleep(300);
        }
    }

    /** The next account-channel event of {@code type}, skipping others. */
    static JsonObject awaitEvent(WebSocketIT.Client live, String type, Duration wait) throws Exception {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            JsonObject frame = live.poll(1000);
            if (frame != null && type.equals(frame.getString("type", ""))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " event within " + wait);
    }

    /** A connection signed in as {@code user} and subscribed to its account channel. */
    static WebSocketIT.Client accountChannel(SignInClient.Session user) throws Exception {
        WebSocketIT.Client live = WebSocketIT.Client.connect();
        live.send("{\"op\":\"auth\",\"token\":\"" + user.token() + "\"}");
        assertThat(live.next().getString("type")).isEqualTo("authenticated");
        live.send("{\"op\":\"subscribe\",\"channel\":\"account\"}");
        assertThat(live.next().getString("type")).isEqualTo("subscribed");
        return live;
    }

    static BigInteger balance(long chainId, EvmAddress token, String holder) throws Exception {
        Web3j web3j = web3j(chainId);
        try {
            Function balanceOf = new Function("balanceOf", List.of(new Address(holder)),
                    List.of(new TypeReference<Uint256>() { }));
            String answer = web3j.ethCall(Transaction.createEthCallTransaction(null, token.toChecksumString(),
                    FunctionEncoder.encode(balanceOf)), DefaultBlockParameterName.LATEST).send().getValue();
            List<?> decoded = FunctionReturnDecoder.decode(answer, balanceOf.getOutputParameters());
            return ((Uint256) decoded.getFirst()).getValue();
        } finally {
            web3j.shutdown();
        }
    }

    /** A fresh wallet with gas, USDC and the escrow approved on the source chain. */
    static void fundPayer(Credentials payer, BigInteger usdc) throws Exception {
        Web3j web3j = web3j(SOURCE);
        try {
            // anvil's own cheat code: gas money without spending any dev account's nonce.
            VoidResponse funded = new Request<>("anvil_setBalance", List.of(payer.getAddress(),
                    Numeric.toHexStringWithPrefix(BigInteger.TEN.pow(20))), new HttpService(TestEnvironment.chains()
                    .get(SOURCE)), VoidResponse.class).send();
            assertThat(funded.hasError()).as("anvil_setBalance").isFalse();
            LocalContracts.mint(SOURCE, LocalContracts.USDC, EvmAddress.parse(payer.getAddress()), usdc);
            LocalContracts.send(web3j, ChainId.of(SOURCE), payer, LocalContracts.USDC, approveEscrow());
        } finally {
            web3j.shutdown();
        }
    }

    static String approveEscrow() {
        Address escrow = new Address(LocalContracts.ESCROW.toChecksumString());
        return FunctionEncoder.encode(new Function("approve", List.of(escrow, new Uint256(BigInteger.TWO.pow(255))),
                List.of()));
    }

    /** Calldata of a deposit of {@code amount} USDC for the quote whose reference is {@code quoteRef}. */
    static String depositCalldata(String quoteRef, BigInteger amount) {
        return FunctionEncoder.encode(new Function("deposit", List.of(
                new Bytes32(Numeric.hexStringToByteArray(quoteRef)),
                new Address(LocalContracts.USDC.toChecksumString()), new Uint256(amount)), List.of()));
    }

    /** Sends from {@code sender} and waits for success; returns the transaction hash. */
    static String send(long chainId, Credentials sender, EvmAddress to, String data) throws Exception {
        Web3j web3j = web3j(chainId);
        try {
            return LocalContracts.send(web3j, ChainId.of(chainId), sender, to, data).getTransactionHash();
        } finally {
            web3j.shutdown();
        }
    }

    /**
     * Sends from {@code sender} without waiting for a receipt (the node's pending nonce numbers consecutive sends),
     * so one wallet's payments can share a block; returns the transaction hash.
     */
    static String sendNow(Web3j web3j, long chainId, Credentials sender, EvmAddress to, String data) throws Exception {
        RawTransactionManager transactions = new RawTransactionManager(web3j, sender, chainId);
        EthSendTransaction sent = transactions.sendEIP1559Transaction(chainId, ONE_GWEI,
                ONE_GWEI.multiply(BigInteger.valueOf(100)), GAS_LIMIT, to.toChecksumString(), data, BigInteger.ZERO);
        assertThat(sent.hasError()).as(() -> "sending: " + sent.getError().getMessage()).isFalse();
        return sent.getTransactionHash();
    }

    static Web3j web3j(long chainId) {
        return Web3j.build(new HttpService(TestEnvironment.chains().get(chainId)));
    }
}
