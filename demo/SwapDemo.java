import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * One swap through SwapDesk's public API, the way a wallet client does it (bin/swap runs it): sign in with the wallet
 * (challenge, EIP-191 personal_sign, token), open the WebSocket account channel, ask a quote with an Idempotency-Key,
 * approve the escrow when the allowance is short, send the quote's deposit calldata, and wait for
 * {@code execution.completed}. Prints each step; a refusal prints the problem+json detail and exits non-zero.
 *
 * <p>Arguments: [amount] in whole units of the source asset (default 100). Settings from the environment:
 * SWAPDESK_URL, CHAINS_ENDPOINTS, SWAP_PRIVATE_KEY, SWAP_FROM, SWAP_TO, SWAP_TIMEOUT_SECONDS (bin/swap documents them).
 */
public class SwapDemo {

    /** Anvil's dev account 8: the demo wallet bin/swapdesk funds (a public key, local chains only). */
    static final String DEMO_KEY = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Set<String> FAILED = Set.of("quote.refunding", "quote.refunded", "quote.expired",
            "quote.manual_review", "execution.needs_attention");
    static Instant depositedAt = Instant.now();

    /** A refusal or a failure the user should read; the message is the whole story. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    record Asset(long chainId, String symbol, String token, int decimals) {
        String format(BigInteger baseUnits) {
            return new BigDecimal(baseUnits).movePointLeft(decimals).stripTrailingZeros().toPlainString() + " " + symbol;
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Failure failure) {
            System.err.println("swap: " + failure.getMessage());
            System.exit(1);
        } catch (ConnectException e) {
            System.err.println("swap: nothing answers at " + baseUrl() + " (or one of " + endpoints().values()
                    + "): is bin/swapdesk running? Set SWAPDESK_URL and CHAINS_ENDPOINTS if it runs elsewhere.");
            System.exit(1);
        } catch (Exception e) {
            System.err.println("swap: " + e);
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        if (args.length > 1 || (args.length == 1 && !args[0].matches("[0-9]+(\\.[0-9]+)?"))) {
            System.err.println("usage: bin/swap [AMOUNT]   (AMOUNT in whole units of the source asset, default 100)");
            System.exit(2);
        }
        String amountText = args.length == 1 ? args[0] : "100";
        String key = env("SWAP_PRIVATE_KEY", DEMO_KEY);
        if (!key.matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new Failure("SWAP_PRIVATE_KEY is not a private key (32 bytes as 64 hex digits, 0x optional)");
        }
        Credentials wallet = Credentials.create(key);
        String address = Keys.toChecksumAddress(wallet.getAddress());
        Asset from = asset(env("SWAP_FROM", "31337:USDC"));
        Asset to = asset(env("SWAP_TO", "31338:WETH"));
        BigInteger amount;
        try {
            amount = new BigDecimal(amountText).movePointRight(from.decimals()).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new Failure(amountText + " " + from.symbol() + " has more than " + from.decimals() + " decimals");
        }

        boolean demo = wallet.getEcKeyPair().getPrivateKey().equals(Numeric.toBigInt(DEMO_KEY));
        step("Wallet " + address + (demo ? " (the DEMO wallet bin/swapdesk funds)" : ""));
        Web3j source = chain(from.chainId());
        Web3j destination = chain(to.chainId());
        BigInteger held = balance(source, from.token(), address);
        if (held.compareTo(amount) < 0) {
            throw new Failure("the wallet holds " + from.format(held) + " on " + from.chainId() + ", less than "
                    + from.format(amount) + (demo ? " (bin/swapdesk gives it 10000 USDC on 31337 and 10 WETH on 31338"
                    + " on every start)" : ""));
        }
        BigInteger before = balance(destination, to.token(), address);
        System.out.printf("  holds %s on %d and %s on %d%n", from.format(held), from.chainId(), to.format(before),
                to.chainId());

        step("Signing in (challenge, personal_sign, token)");
        ObjectNode challengeRequest = JSON.createObjectNode().put("chain", "evm").put("address", address)
                .put("chainId", from.chainId());
        JsonNode challenge = post("/api/auth/challenges", null, challengeRequest, Map.of());
        String message = challenge.path("message").asText();
        Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8),
                wallet.getEcKeyPair());
        byte[] signed = new byte[65];
        System.arraycopy(signature.getR(), 0, signed, 0, 32);
        System.arraycopy(signature.getS(), 0, signed, 32, 32);
        signed[64] = signature.getV()[0];
        JsonNode session = post("/api/auth/sessions", null, JSON.createObjectNode().put("message", message)
                .put("signature", Numeric.toHexString(signed)), Map.of());
        String token = session.path("token").asText();
        System.out.printf("  user %s, roles %s, token valid until %s%n", session.path("userId").asText(),
                session.path("roles"), session.path("expiresAt").asText());

        try (Account account = Account.open(wsUrl(), token)) {
            step("Asking a quote: " + from.format(amount) + " on " + from.chainId() + " for " + to.symbol() + " on "
                    + to.chainId());
            ObjectNode quoteRequest = JSON.createObjectNode();
            quoteRequest.putObject("from").put("chainId", from.chainId()).put("asset", from.symbol())
                    .put("amount", amount.toString());
            quoteRequest.putObject("to").put("chainId", to.chainId()).put("asset", to.symbol());
            quoteRequest.put("recipient", address);
            String idempotencyKey = UUID.randomUUID().toString();
            JsonNode quote = post("/api/quotes", token, quoteRequest, Map.of("Idempotency-Key", idempotencyKey));
            printQuote(quote, from, to, idempotencyKey);

            JsonNode deposit = quote.path("deposit");
            String escrow = deposit.path("escrow").asText();
            BigInteger due = new BigInteger(deposit.path("amount").asText());
            BigInteger allowance = allowance(source, deposit.path("token").asText(), address, escrow);
            if (allowance.compareTo(due) < 0) {
                step("Approving the escrow " + escrow + " for " + from.format(due));
                String approve = FunctionEncoder.encode(new Function("approve",
                        List.<org.web3j.abi.datatypes.Type>of(new Address(escrow), new Uint256(due)), List.of()));
                send(source, from.chainId(), wallet, deposit.path("token").asText(), approve);
            }
            step("Depositing " + from.format(due) + " into the escrow on " + from.chainId());
            TransactionReceipt paid = send(source, from.chainId(), wallet, escrow, deposit.path("calldata").asText());
            depositedAt = Instant.now();
            System.out.printf("  deposit tx %s in block %s%n", paid.getTransactionHash(), paid.getBlockNumber());

            step("Waiting for execution.completed on the account channel");
            Duration timeout = Duration.ofSeconds(Long.parseLong(env("SWAP_TIMEOUT_SECONDS", "180")));
            String quoteId = quote.path("id").asText();
            JsonNode completed = account.awaitCompletion(quoteId, timeout).orElseThrow(() -> {
                JsonNode now = quoteState(quoteId, token);
                return new Failure("no execution.completed within " + timeout.toSeconds() + " s; the quote is "
                        + now.path("status").asText() + ", its execution " + now.path("execution")
                        + " (GET /api/quotes/" + quoteId + "; SWAP_TIMEOUT_SECONDS waits longer)");
            });
            JsonNode data = completed.path("data");
            BigInteger delivered = new BigInteger(data.path("amountDelivered").asText());
            BigInteger after = balance(destination, to.token(), address);
            step("Completed " + elapsed() + " after the deposit was mined");
            System.out.printf("  delivery tx   %s (block %s on %d)%n", data.path("txHash").asText(),
                    data.path("blockNumber").asText(), to.chainId());
            System.out.printf("  delivered     %s (%s base units) to %s%n", to.format(delivered), delivered, address);
            System.out.printf("  new balance   %s on %d (was %s)%n", to.format(after), to.chainId(), to.format(before));
        } finally {
            source.shutdown();
            destination.shutdown();
        }
    }

    static void printQuote(JsonNode quote, Asset from, Asset to, String idempotencyKey) {
        JsonNode price = quote.path("price");
        System.out.printf("  quote %s %s (Idempotency-Key %s)%n", quote.path("id").asText(),
                quote.path("status").asText(), idempotencyKey);
        System.out.printf("  pay           %s on %d%n", from.format(new BigInteger(quote.path("amountIn").asText())),
                from.chainId());
        System.out.printf("  receive       %s on %d (at least %s; fee %s)%n",
                to.format(new BigInteger(quote.path("amountOut").asText())), to.chainId(),
                to.format(new BigInteger(quote.path("minAmountOut").asText())),
                to.format(new BigInteger(quote.path("fee").asText())));
        StringBuilder sources = new StringBuilder();
        for (JsonNode source : price.path("sources")) {
            sources.append(sources.isEmpty() ? "" : ", ").append(source.path("name").asText()).append(' ')
                    .append(source.path("pair").asText()).append(' ').append(source.path("price").asText());
        }
        System.out.printf("  price         %s %s%s, ±%s, from %s%n", price.path("pair").asText(),
                price.path("price").asText(), price.path("inverted").asBoolean() ? " (inverted)" : "",
                price.path("confidence").asText(), sources);
        if (price.path("simulated").asBoolean()) {
            System.out.println("                (SIMULATED MARKET: a seeded random walk, not a market)");
        }
        System.out.printf("  expires       %s%n", quote.path("expiresAt").asText());
        JsonNode deposit = quote.path("deposit");
        System.out.printf("  deposit       escrow %s, quoteRef %s%n", deposit.path("escrow").asText(),
                deposit.path("quoteRef").asText());
    }

    // ---- SwapDesk's API -------------------------------------------------------------------------------------------

    static Asset asset(String spec) throws IOException, InterruptedException {
        String[] parts = spec.split(":");
        if (parts.length != 2 || !parts[0].matches("[0-9]+")) {
            throw new Failure("'" + spec + "' is not chainId:SYMBOL, e.g. 31337:USDC");
        }
        JsonNode assets = get("/api/assets", null).path("assets");
        for (JsonNode asset : assets) {
            if (asset.path("chainId").asLong() == Long.parseLong(parts[0])
                    && asset.path("symbol").asText().equalsIgnoreCase(parts[1])) {
                return new Asset(asset.path("chainId").asLong(), asset.path("symbol").asText(),
                        asset.path("token").asText(), asset.path("decimals").asInt());
            }
        }
        StringBuilder served = new StringBuilder();
        for (JsonNode asset : assets) {
            served.append(served.isEmpty() ? "" : ", ").append(asset.path("chainId").asText()).append(':')
                    .append(asset.path("symbol").asText());
        }
        throw new Failure(spec + " is not served here; GET /api/assets lists " + served);
    }

    static JsonNode quoteState(String quoteId, String token) {
        try {
            return get("/api/quotes/" + quoteId, token);
        } catch (IOException | InterruptedException e) {
            return JSON.createObjectNode().put("status", "unknown (" + e + ")");
        }
    }

    static JsonNode get(String path, String token) throws IOException, InterruptedException {
        return exchange(request(path, token).GET());
    }

    static JsonNode post(String path, String token, JsonNode body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return exchange(request);
    }

    static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(15)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** The answer's JSON, or a Failure with the problem+json detail. */
    static JsonNode exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest sent = request.build();
        HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
            return JSON.readTree(response.body());
        }
        String what = sent.method() + " " + sent.uri().getPath();
        try {
            JsonNode problem = JSON.readTree(response.body());
            throw new Failure(what + " was refused: " + problem.path("detail").asText(problem.path("title").asText())
                    + " (HTTP " + response.statusCode() + " " + problem.path("code").asText("") + ")");
        } catch (com.fasterxml.jackson.core.JacksonException notJson) {
            throw new Failure(what + " answered HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    /** The /ws connection, signed in and subscribed to the account channel: frames are queued as they arrive. */
    static final class Account implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Account open(String url, String token) throws Exception {
            Account account = new Account();
            account.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(url), account).get(10, TimeUnit.SECONDS);
            account.socket.sendText(JSON.createObjectNode().put("op", "auth").put("token", token).toString(), true);
            account.expect("authenticated");
            account.socket.sendText("{\"op\":\"subscribe\",\"channel\":\"account\"}", true);
            account.expect("subscribed");
            step("Listening on " + url + " (auth, subscribe account)");
            return account;
        }

        private void expect(String type) throws InterruptedException {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null || !type.equals(frame.path("type").asText())) {
                throw new Failure("the WebSocket answered " + frame + " where '" + type + "' was expected");
            }
        }

        /** Prints this quote's events as they come; returns execution.completed, empty after the timeout. */
        Optional<JsonNode> awaitCompletion(String quoteId, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                JsonNode frame = frames.poll(500, TimeUnit.MILLISECONDS);
                if (frame == null || !quoteId.equals(frame.path("data").path("quoteId").asText())) {
                    if (frame != null && "closed".equals(frame.path("type").asText())) {
                        throw new Failure("the WebSocket closed: " + frame.path("reason").asText()
                                + "; the quote's state: GET /api/quotes/" + quoteId);
                    }
                    continue;
                }
                String type = frame.path("type").asText();
                System.out.printf("  %-9s %-26s %s%n", "+" + elapsed(), type, summary(frame.path("data")));
                if ("execution.completed".equals(type)) {
                    return Optional.of(frame);
                }
                if (FAILED.contains(type)) {
                    throw new Failure("the swap did not complete: " + type + ", reason "
                            + frame.path("data").path("reason").asText("none given") + " (GET /api/quotes/" + quoteId + ")");
                }
            }
            return Optional.empty();
        }

        private static String summary(JsonNode data) {
            Map<String, String> shown = new LinkedHashMap<>();
            for (String field : List.of("status", "reason", "amountPaid", "txHash", "blockNumber", "amountDelivered")) {
                if (data.hasNonNull(field)) {
                    shown.put(field, data.get(field).asText());
                }
            }
            return shown.toString();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    frames.add(JSON.createObjectNode().put("type", "unreadable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(JSON.createObjectNode().put("type", "closed").put("reason", statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(JSON.createObjectNode().put("type", "closed").put("reason", String.valueOf(error)));
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    // ---- the chains -----------------------------------------------------------------------------------------------

    static Web3j chain(long chainId) {
        String url = endpoints().get(chainId);
        if (url == null) {
            throw new Failure("no RPC URL for chain " + chainId + " in CHAINS_ENDPOINTS (" + endpoints() + ")");
        }
        return Web3j.build(new HttpService(url));
    }

    static BigInteger balance(Web3j web3j, String token, String holder) throws IOException {
        return uintCall(web3j, token, new Function("balanceOf", List.of(new Address(holder)),
                List.of(new TypeReference<Uint256>() { })));
    }

    static BigInteger allowance(Web3j web3j, String token, String owner, String spender) throws IOException {
        return uintCall(web3j, token, new Function("allowance", List.of(new Address(owner), new Address(spender)),
                List.of(new TypeReference<Uint256>() { })));
    }

    static BigInteger uintCall(Web3j web3j, String contract, Function function) throws IOException {
        var answer = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(function)),
                DefaultBlockParameterName.LATEST).send();
        if (answer.hasError()) {
            throw new Failure(function.getName() + " on " + contract + " failed: " + answer.getError().getMessage());
        }
        return (BigInteger) FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters())
                .getFirst().getValue();
    }

    /** Signs and sends a call from the wallet, waits for its receipt and requires success. */
    static TransactionReceipt send(Web3j web3j, long chainId, Credentials wallet, String to, String data)
            throws Exception {
        EthEstimateGas estimate = web3j.ethEstimateGas(
                Transaction.createEthCallTransaction(wallet.getAddress(), to, data)).send();
        if (estimate.hasError()) {
            throw new Failure("chain " + chainId + " would revert the call to " + to + ": "
                    + estimate.getError().getMessage());
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        EthSendTransaction sent = new RawTransactionManager(web3j, wallet, chainId)
                .sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO, false);
        if (sent.hasError()) {
            throw new Failure("chain " + chainId + " refused the transaction to " + to + ": " + sent.getError().getMessage());
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(sent.getTransactionHash()).send()
                    .getTransactionReceipt();
            if (receipt.isPresent()) {
                if (!receipt.get().isStatusOK()) {
                    throw new Failure("transaction " + sent.getTransactionHash() + " reverted on chain " + chainId);
                }
                return receipt.get();
            }
            Thread.sleep(250);
        }
        throw new Failure("no receipt for " + sent.getTransactionHash() + " on chain " + chainId + " within 60 s");
    }

    // ---- settings -------------------------------------------------------------------------------------------------

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static String baseUrl() {
        return env("SWAPDESK_URL", "http://127.0.0.1:9080").replaceAll("/+$", "");
    }

    static String wsUrl() {
        return baseUrl().replaceFirst("^http", "ws") + "/ws";
    }

    static Map<Long, String> endpoints() {
        Map<Long, String> endpoints = new LinkedHashMap<>();
        for (String entry : env("CHAINS_ENDPOINTS", "31337=http://127.0.0.1:8545,31338=http://127.0.0.1:8546")
                .split(",")) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length == 2 && parts[0].matches("[0-9]+")) {
                endpoints.put(Long.parseLong(parts[0]), parts[1]);
            }
        }
        return endpoints;
    }

    static void step(String what) {
        System.out.println("==> " + what);
    }

    static String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(depositedAt, Instant.now()).toMillis() / 1000.0);
    }
}
