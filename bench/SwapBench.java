import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapdesk.chains.internal.ContractArtifact;
import io.swapdesk.chains.internal.ContractDeployer;
import io.swapdesk.platform.ChainId;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The swap benchmark's load client (bin/bench-swap runs it, with the WAR's libraries on the class path). Three modes:
 *
 * <ul>
 *   <li>{@code setup rpcA rpcB}: deploys on both local chains the test tokens (USDC, WETH), the escrow with three
 *       signers and a large treasury, and ETH-USD / USDC-USD price feeds (fixed answers: 3000 and 1); funds and
 *       approves the payer on chain A. Prints the server's settings as {@code NAME=value} lines.</li>
 *   <li>{@code quotes baseUrl clients warmupSeconds seconds}: signs in {@code clients} users and lets each, on a thread
 *       of its own, POST /api/quotes back to back (a new Idempotency-Key each time); counts and times the requests
 *       that start inside the measured window.</li>
 *   <li>{@code swaps baseUrl rpcA swaps paceMs fundingConfirmations}: one signed-in user, the account channel open
 *       over WebSocket; every {@code paceMs} a quote is made and paid by the payer with the quote's own deposit
 *       calldata; the time from the deposit's block, and from the block that gives it its confirmations, to the
 *       {@code execution.completed} event of that quote.</li>
 * </ul>
 *
 * Every key here is one of anvil's public development keys: local chains only.
 */
public class SwapBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // anvil's dev accounts: 0 owns the tokens, 2 owns the feeds, 3 pays, 4 operates the escrow, 5-7 sign fills.
    static final Credentials TOKEN_OWNER =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final Credentials FEED_OWNER =
            Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    static final Credentials PAYER =
            Credentials.create("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    static final Credentials OPERATOR =
            Credentials.create("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
    static final List<String> SIGNER_KEYS = List.of(
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");

    static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);
    static final BigInteger MAX_FEE = ONE_GWEI.multiply(BigInteger.valueOf(100));
    static final BigInteger GAS = BigInteger.valueOf(300_000);
    /** 100 USDC (6 decimals): one quote's amount. */
    static final String QUOTE_AMOUNT = "100000000";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2]);
            case "quotes" -> quotes(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), false);
            case "ceiling" -> quotes(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), true);
            case "swaps" -> swaps(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode: setup, quotes, ceiling or swaps");
        }
        System.exit(0);
    }

    // ---- setup ---------------------------------------------------------------------------------------------------

    record Deployed(long chainId, String usdc, String weth, String escrow, String ethFeed, String usdcFeed) {
    }

    static void setup(String rpcA, String rpcB) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Deployed[] deployed = new Deployed[2];
        String[] rpcs = {rpcA, rpcB};
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    deployed[index] = deployChain(rpcs[index], index == 0);
                } catch (Exception e) {
                    failure.set(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Deployed a = deployed[0];
        Deployed b = deployed[1];
        System.out.println("CHAINS_ESCROWS=" + a.chainId + "=" + a.escrow + "," + b.chainId + "=" + b.escrow);
        System.out.println("QUOTES_ASSETS=" + a.chainId + ":USDC:" + a.usdc + ":6," + a.chainId + ":WETH:" + a.weth
                + ":18:ETH," + b.chainId + ":USDC:" + b.usdc + ":6," + b.chainId + ":WETH:" + b.weth + ":18:ETH");
        System.out.println("PRICING_PAIRS=ETH-USD,USDC-USD");
        System.out.println("PRICING_CROSS_PAIRS=USDC-ETH");
        System.out.println("PRICING_CHAINLINK_FEEDS_ETH_USD=" + a.chainId + ":" + a.ethFeed + "," + b.chainId + ":"
                + b.ethFeed);
        System.out.println("PRICING_CHAINLINK_FEEDS_USDC_USD=" + a.chainId + ":" + a.usdcFeed + "," + b.chainId + ":"
                + b.usdcFeed);
        System.out.println("CHAINS_SIGNERS_" + a.chainId + "=" + String.join(",", SIGNER_KEYS));
        System.out.println("CHAINS_SIGNERS_" + b.chainId + "=" + String.join(",", SIGNER_KEYS));
    }

    static Deployed deployChain(String rpc, boolean payerChain) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(rpc));
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            ChainId id = ChainId.of(chainId);
            ContractArtifact token = ContractArtifact.load("TestToken");
            ContractArtifact escrowArtifact = ContractArtifact.load("Escrow");
            ContractArtifact feed = ContractArtifact.load("TestAggregator");
            String usdc = new ContractDeployer(web3j, TOKEN_OWNER, id)
                    .deploy(token, token.encodeConstructorArguments(List.of("USD Coin", "USDC", "6"))).toChecksumString();
            String weth = new ContractDeployer(web3j, TOKEN_OWNER, id)
                    .deploy(token, token.encodeConstructorArguments(List.of("Wrapped Ether", "WETH", "18")))
                    .toChecksumString();
            String escrow = new ContractDeployer(web3j, OPERATOR, id).deploy(escrowArtifact,
                    escrowArtifact.encodeConstructorArguments(List.of(OPERATOR.getAddress()))).toChecksumString();
            String ethFeed = new ContractDeployer(web3j, FEED_OWNER, id).deploy(feed,
                    feed.encodeConstructorArguments(List.of("8", "ETH / USD", "300000000000"))).toChecksumString();
            String usdcFeed = new ContractDeployer(web3j, FEED_OWNER, id).deploy(feed,
                    feed.encodeConstructorArguments(List.of("8", "USDC / USD", "100000000"))).toChecksumString();
            Sender operator = new Sender(web3j, chainId, OPERATOR);
            for (String key : SIGNER_KEYS) {
                operator.send(escrow, FunctionEncoder.encode(new Function("setSigner", List.of(
                        new Address(Credentials.create(key).getAddress()), new Bool(true)), List.of())));
            }
            // The treasury: far more than the benchmark reserves, so that liquidity is not what is measured.
            Sender owner = new Sender(web3j, chainId, TOKEN_OWNER);
            owner.send(usdc, mint(escrow, BigInteger.TEN.pow(6 + 12)));
            owner.send(weth, mint(escrow, BigInteger.TEN.pow(18 + 9)));
            if (payerChain) {
                owner.send(usdc, mint(PAYER.getAddress(), BigInteger.TEN.pow(6 + 9)));
                Sender payer = new Sender(web3j, chainId, PAYER);
                payer.send(usdc, FunctionEncoder.encode(new Function("approve", List.of(
                        new Address(escrow), new Uint256(BigInteger.TWO.pow(256).subtract(BigInteger.ONE))), List.of())));
                payer.awaitAll();
            }
            operator.awaitAll();
            owner.awaitAll();
            return new Deployed(chainId, usdc, weth, escrow, ethFeed, usdcFeed);
        } finally {
            web3j.shutdown();
        }
    }

    static String mint(String to, BigInteger amount) {
        return FunctionEncoder.encode(new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of()));
    }

    /** Signs and sends one account's transactions with consecutive nonces, and checks their receipts. */
    static final class Sender {
        final Web3j web3j;
        final long chainId;
        final Credentials credentials;
        BigInteger nonce;
        final List<String> sent = new ArrayList<>();

        Sender(Web3j web3j, long chainId, Credentials credentials) throws Exception {
            this.web3j = web3j;
            this.chainId = chainId;
            this.credentials = credentials;
            this.nonce = web3j.ethGetTransactionCount(credentials.getAddress(), DefaultBlockParameterName.PENDING)
                    .send().getTransactionCount();
        }

        /** Broadcasts without waiting; returns the transaction hash. */
        String send(String to, String data) throws Exception {
            RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, GAS, to, BigInteger.ZERO, data,
                    ONE_GWEI, MAX_FEE);
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, credentials));
            EthSendTransaction answer = web3j.ethSendRawTransaction(signed).send();
            if (answer.hasError()) {
                throw new IllegalStateException("chain " + chainId + " refused a transaction of "
                        + credentials.getAddress() + ": " + answer.getError().getMessage());
            }
            nonce = nonce.add(BigInteger.ONE);
            sent.add(answer.getTransactionHash());
            return answer.getTransactionHash();
        }

        void awaitAll() throws Exception {
            for (String hash : sent) {
                TransactionReceipt receipt = awaitReceipt(web3j, hash, Duration.ofSeconds(30));
                if (!receipt.isStatusOK()) {
                    throw new IllegalStateException("transaction " + hash + " on chain " + chainId + " reverted");
                }
            }
            sent.clear();
        }
    }

    static TransactionReceipt awaitReceipt(Web3j web3j, String hash, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no receipt for " + hash + " within " + wait);
    }

    // ---- sign-in and quotes --------------------------------------------------------------------------------------

    record User(String address, String token) {
    }

    /** Signs a new wallet in through the real flow: challenge, EIP-191 signature, token. */
    static User signIn(String base) throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String address = Keys.toChecksumAddress(Keys.getAddress(key));
        ObjectNode challengeBody = JSON.createObjectNode().put("chain", "evm").put("address", address);
        JsonNode challenge = expect(post(base + "/api/auth/challenges", null, null, challengeBody.toString()), 201);
        String message = challenge.get("message").asText();
        Sign.SignatureData data = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key);
        byte[] signature = new byte[65];
        System.arraycopy(data.getR(), 0, signature, 0, 32);
        System.arraycopy(data.getS(), 0, signature, 32, 32);
        signature[64] = data.getV()[0];
        ObjectNode sessionBody = JSON.createObjectNode().put("message", message)
                .put("signature", "0x" + HexFormat.of().formatHex(signature));
        JsonNode session = expect(post(base + "/api/auth/sessions", null, null, sessionBody.toString()), 201);
        return new User(address, session.get("token").asText());
    }

    static String quoteBody(String recipient) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("from").put("chainId", 31337).put("asset", "USDC").put("amount", QUOTE_AMOUNT);
        body.putObject("to").put("chainId", 31338).put("asset", "WETH");
        body.put("recipient", recipient);
        return body.toString();
    }

    static HttpResponse<String> post(String uri, String token, String idempotencyKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode expect(HttpResponse<String> response, int status) throws Exception {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Makes one quote, waiting (up to two minutes) while the server has no price yet (503). */
    static JsonNode firstQuote(String base, User user) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            HttpResponse<String> response = post(base + "/api/quotes", user.token, UUID.randomUUID().toString(),
                    quoteBody(user.address));
            if (response.statusCode() == 201 || System.nanoTime() > deadline || response.statusCode() != 503) {
                return expect(response, 201);
            }
            Thread.sleep(500);
        }
    }

    /**
     * Quote creation by {@code clients} signed-in users back to back; or, as the {@code ceiling}, the same clients
     * asking for {@code GET /api/assets}: the cheapest answer the application gives (JAX-RS and JSON from memory, no
     * sign-in, no database), what this server stack answers at most on this machine.
     */
    static void quotes(String base, int clients, int warmupSeconds, int seconds, boolean ceiling) throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            users.add(signIn(base));
        }
        firstQuote(base, users.getFirst());
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (User user : users) {
            int index = latencies.size();
            long[] mine = new long[1_000_000];
            latencies.add(mine);
            String body = quoteBody(user.address);
            int client = threads.size();
            threads.add(Thread.ofPlatform().name("quotes-" + client).start(() -> {
                int n = 0;
                long sent = 0;
                LoadConnection connection = null;
                while (true) {
                    long began = System.nanoTime();
                    if (began >= measureTo) {
                        break;
                    }
                    try {
                        if (connection == null) {
                            connection = new LoadConnection(URI.create(base));
                        }
                        // A new Idempotency-Key per request, unique across clients and runs without a random source.
                        String key = ceiling ? null : "bench-" + start + "-" + client + "-" + sent++;
                        LoadConnection.Answer answer = ceiling ? connection.send("GET", "/api/assets", null, null, null)
                                : connection.send("POST", "/api/quotes", user.token, key, body);
                        long took = System.nanoTime() - began;
                        if (answer.status() != (ceiling ? 200 : 201)) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, answer.status() + " " + answer.body());
                        } else if (began >= measureFrom && n < mine.length) {
                            mine[n++] = took;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                        connection = LoadConnection.closeQuietly(connection);
                    }
                }
                LoadConnection.closeQuietly(connection);
                counts[index] = n;
            }));
        }
        CpuWindow cpu = CpuWindow.measure(measureFrom, measureTo, base + "/metrics?scope=application");
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = java.util.stream.IntStream.range(0, clients)
                .mapToObj(i -> Arrays.stream(latencies.get(i), 0, counts[i])).flatMapToLong(s -> s).sorted().toArray();
        double rps = all.length / (double) seconds;
        System.err.printf(Locale.ROOT, "%s over HTTP: %d clients, %d s measured after %d s warm-up: %d answered, "
                + "%d errors%s%n", ceiling ? "GET /api/assets" : "quotes", clients, seconds, warmupSeconds, all.length,
                errors.get(), firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
        long[] used = cpu.usedMillis();
        double[] groups = cpu.writerGroups();
        if (groups[0] > 0) {
            System.err.printf(Locale.ROOT, "quote writer in the window: %.0f transactions, %.2f quotes each%n",
                    groups[0], groups[1] / groups[0]);
        }
        System.out.printf(Locale.ROOT, "RESULT %s count=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d"
                        + " server_cpu_ms=%.3f pg_cpu_ms=%.3f client_cpu_ms=%.3f%n",
                ceiling ? "ceiling_http" : "quotes_http", all.length, rps, percentile(all, 0.50),
                percentile(all, 0.99), all[all.length - 1] / 1e6, errors.get(), used[0] / (double) all.length,
                used[1] / (double) all.length, used[2] / (double) all.length);
        if (errors.get() > 0) {
            System.exit(3);
        }
    }

    /** Nearest rank, in milliseconds. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    // ---- swaps end to end ----------------------------------------------------------------------------------------

    record Swap(String quoteId, String depositTx, long sentAt) {
    }

    static void swaps(String base, String rpcA, int count, int paceMs, int fundingConfirmations) throws Exception {
        User user = signIn(base);
        firstQuote(base, user); // waits for prices; this quote is never paid
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws"), new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        long now = System.nanoTime();
                        partial.append(data);
                        if (last) {
                            try {
                                JsonNode frame = JSON.readTree(partial.toString());
                                String type = frame.path("type").asText();
                                String quoteId = frame.path("data").path("quoteId").asText();
                                switch (type) {
                                    case "subscribed" -> subscribed.countDown();
                                    case "quote.committed" -> committedAt.putIfAbsent(quoteId, now);
                                    case "execution.completed" -> completedAt.putIfAbsent(quoteId, now);
                                    case "error" -> System.err.println("WebSocket error frame: " + frame);
                                    default -> { }
                                }
                            } catch (Exception e) {
                                System.err.println("unreadable frame: " + partial);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"op\":\"auth\",\"token\":\"" + user.token + "\"}", true).get();
        socket.sendText("{\"op\":\"subscribe\",\"channel\":\"account\"}", true).get();
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the account channel did not answer the subscription");
        }

        Web3j chainA = Web3j.build(new HttpService(rpcA));
        long chainIdA = chainA.ethChainId().send().getChainId().longValueExact();
        // When each block of chain A was first seen here (polled every 20 ms).
        Map<Long, Long> blockSeenAt = new ConcurrentHashMap<>();
        Thread blocks = Thread.ofPlatform().daemon().name("blocks").start(() -> {
            Web3j poller = Web3j.build(new HttpService(rpcA));
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long head = poller.ethBlockNumber().send().getBlockNumber().longValueExact();
                    blockSeenAt.putIfAbsent(head, System.nanoTime());
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("block poll failed: " + e);
                }
            }
        });

        Sender payer = new Sender(chainA, chainIdA, PAYER);
        List<Swap> swaps = new ArrayList<>();
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += TimeUnit.MILLISECONDS.toNanos(paceMs);
            JsonNode quote = expect(post(base + "/api/quotes", user.token, UUID.randomUUID().toString(),
                    quoteBody(user.address)), 201);
            JsonNode deposit = quote.get("deposit");
            String tx = payer.send(deposit.get("escrow").asText(), deposit.get("calldata").asText());
            swaps.add(new Swap(quote.get("id").asText(), tx, System.nanoTime()));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (completedAt.size() < swaps.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        blocks.interrupt();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");

        List<Long> fromMined = new ArrayList<>();
        List<Long> fromConfirmed = new ArrayList<>();
        List<Long> commitAfterConfirmed = new ArrayList<>();
        List<Long> deliveryAfterCommit = new ArrayList<>();
        int missing = 0;
        for (Swap swap : swaps) {
            TransactionReceipt receipt = awaitReceipt(chainA, swap.depositTx, Duration.ofSeconds(10));
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("deposit " + swap.depositTx + " reverted");
            }
            long block = receipt.getBlockNumber().longValueExact();
            Long mined = blockSeenAt.get(block);
            Long confirmed = blockSeenAt.get(block + fundingConfirmations - 1);
            Long completed = completedAt.get(swap.quoteId);
            Long committed = committedAt.get(swap.quoteId);
            if (completed == null || mined == null || confirmed == null) {
                missing++;
                continue;
            }
            fromMined.add(completed - mined);
            fromConfirmed.add(completed - confirmed);
            if (committed != null) {
                commitAfterConfirmed.add(committed - confirmed);
                deliveryAfterCommit.add(completed - committed);
            }
        }
        chainA.shutdown();
        System.err.printf(Locale.ROOT, "swaps: %d paid, one every %d ms; %d completed with timings, %d without%n",
                swaps.size(), paceMs, fromMined.size(), missing);
        report("swap_from_deposit_block", fromMined);
        report("swap_from_confirmation", fromConfirmed);
        report("swap_commit_after_confirmation", commitAfterConfirmed);
        report("swap_delivery_after_commit", deliveryAfterCommit);
        System.out.printf(Locale.ROOT, "RESULT swaps paid=%d completed=%d missing=%d%n", swaps.size(),
                fromMined.size(), missing);
        if (missing > 0) {
            System.exit(3);
        }
    }

    static void report(String name, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "RESULT %s count=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f min_ms=%.0f%n", name,
                sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                sorted.length == 0 ? Double.NaN : sorted[0] / 1e6);
    }

    /**
     * CPU time used in the measured window, read from /proc at its start and end on a thread of its own: by the server
     * (the JVM whose pid is in the environment variable BENCH_SERVER_PID), by every PostgreSQL process, and by this
     * load client. Milliseconds; -1 where /proc cannot tell (not Linux, no pid given).
     */
    record CpuWindow(Thread thread, long[][] ticks, Map<String, ThreadTime>[] serverThreads, double[][] groups) {

        static CpuWindow measure(long fromNanos, long toNanos, String metricsUrl) {
            long[][] ticks = new long[2][];
            double[][] groups = new double[2][];
            @SuppressWarnings("unchecked")
            Map<String, ThreadTime>[] threads = new Map[2];
            Thread thread = Thread.ofPlatform().name("cpu-window").start(() -> {
                sleepUntil(fromNanos);
                ticks[0] = read();
                threads[0] = readServerThreads();
                groups[0] = writerGroups(metricsUrl);
                sleepUntil(toNanos);
                ticks[1] = read();
                threads[1] = readServerThreads();
                groups[1] = writerGroups(metricsUrl);
            });
            return new CpuWindow(thread, ticks, threads, groups);
        }

        long[] usedMillis() throws InterruptedException {
            thread.join();
            reportServerThreads();
            long[] used = new long[3];
            for (int i = 0; i < used.length; i++) {
                used[i] = ticks[0][i] < 0 || ticks[1][i] < 0 ? -1 : (ticks[1][i] - ticks[0][i]) * 10; // USER_HZ 100
            }
            return used;
        }

        /** The quote writer's transactions and the quotes they wrote, in the window. */
        double[] writerGroups() {
            return new double[] {groups[1][0] - groups[0][0], groups[1][1] - groups[0][1]};
        }

        /** quotes_writer_group_size's count and sum, as the server's metrics say them now; zeros when absent. */
        private static double[] writerGroups(String metricsUrl) {
            double[] countAndSum = new double[2];
            try {
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString());
                for (String line : metrics.body().split("\n")) {
                    if (line.startsWith("quotes_writer_group_size_count")) {
                        countAndSum[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    } else if (line.startsWith("quotes_writer_group_size_sum")) {
                        countAndSum[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (Exception e) {
                // no figure: the report leaves it out
            }
            return countAndSum;
        }

        /** On stderr: the server's CPU in the window by thread name (digits dropped), the busiest first. */
        private void reportServerThreads() {
            if (ticks[0] == null || ticks[1] == null || serverThreads[0] == null) {
                return;
            }
            Map<String, Long> used = new java.util.TreeMap<>();
            serverThreads[1].forEach((tid, after) -> {
                long before = serverThreads[0].containsKey(tid) ? serverThreads[0].get(tid).ticks() : 0;
                used.merge(after.name().replaceAll("[0-9]+", "N"), (after.ticks() - before) * 10, Long::sum);
            });
            System.err.println("server CPU in the window by thread, ms:");
            used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                    .forEach(entry -> System.err.printf(Locale.ROOT, "  %8d  %s%n", entry.getValue(), entry.getKey()));
        }

        private static void sleepUntil(long nanos) {
            long left;
            while ((left = nanos - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static long[] read() {
            String server = System.getenv("BENCH_SERVER_PID");
            long postgres = 0;
            try (var entries = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (java.nio.file.Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit) && "postgres".equals(comm(name))) {
                        postgres += Math.max(0, ticks(name));
                    }
                }
            } catch (java.io.IOException e) {
                postgres = -1;
            }
            return new long[] {server == null ? -1 : ticks(server.trim()), postgres,
                    ticks(Long.toString(ProcessHandle.current().pid()))};
        }

        record ThreadTime(String name, long ticks) {
        }

        /** The server's threads by id; null without a server pid. */
        private static Map<String, ThreadTime> readServerThreads() {
            String server = System.getenv("BENCH_SERVER_PID");
            if (server == null || server.isBlank()) {
                return null;
            }
            Map<String, ThreadTime> threads = new java.util.HashMap<>();
            java.nio.file.Path tasks = java.nio.file.Path.of("/proc", server.trim(), "task");
            try (var entries = java.nio.file.Files.list(tasks)) {
                for (java.nio.file.Path task : entries.toList()) {
                    String tid = task.getFileName().toString();
                    long used = ticks(server.trim() + "/task/" + tid);
                    if (used >= 0) {
                        threads.put(tid, new ThreadTime(comm(server.trim() + "/task/" + tid), used));
                    }
                }
            } catch (java.io.IOException e) {
                return null;
            }
            return threads;
        }

        private static String comm(String pid) {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "comm")).trim();
            } catch (java.io.IOException e) {
                return "";
            }
        }

        /** The CPU time of the process, in clock ticks; -1 when it is gone. */
        private static long ticks(String pid) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields 14-17 of proc(5): its own user and system time, and that of its children it reaped (the
                // postmaster's: the backends of closed connections)
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]);
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /**
     * The load loop's HTTP/1.1 client: one keep-alive connection, requests written from bytes, answers read by their
     * Content-Length without decoding them. The JDK's HttpClient spends several times the CPU per request, and on two
     * cores the load client's CPU is the server's loss; pgbench, the baseline, is as lean.
     */
    static final class LoadConnection implements AutoCloseable {

        record Answer(int status, String body) {
        }

        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.InputStream in;
        private final String host;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        LoadConnection(URI base) throws java.io.IOException {
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            in = socket.getInputStream();
            host = base.getHost() + ":" + base.getPort();
        }

        /** The status, and the body only when the status is not 2xx (for the error report). */
        Answer send(String method, String path, String token, String idempotencyKey, String body)
                throws java.io.IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(512).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nAccept: application/json\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (idempotencyKey != null) {
                head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length)
                        .append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return read();
        }

        private Answer read() throws java.io.IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(header.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = header.substring(colon + 1).trim().equalsIgnoreCase("chunked");
                }
            }
            java.io.ByteArrayOutputStream kept = code / 100 == 2 ? null : new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size, kept);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length, kept);
            }
            return new Answer(code, kept == null ? "" : kept.toString(StandardCharsets.UTF_8));
        }

        private void skip(long bytes, java.io.ByteArrayOutputStream kept) throws java.io.IOException {
            while (bytes > 0) {
                fill();
                int take = (int) Math.min(bytes, end - start);
                if (kept != null) {
                    kept.write(buffer, start, take);
                }
                start += take;
                bytes -= take;
            }
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                fill();
                byte b = buffer[start++];
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1)
                            : line.toString();
                }
                line.append((char) b);
            }
        }

        private void fill() throws java.io.IOException {
            if (start < end) {
                return;
            }
            start = 0;
            end = in.read(buffer);
            if (end <= 0) {
                end = 0;
                throw new java.io.EOFException("the server closed the connection");
            }
        }

        static LoadConnection closeQuietly(LoadConnection connection) {
            if (connection != null) {
                connection.close();
            }
            return null;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
    }
}
