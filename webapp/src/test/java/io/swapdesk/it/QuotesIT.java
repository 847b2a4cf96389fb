package io.swapdesk.it;

import static io.swapdesk.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quotes over HTTP against the real server: prices from the TestAggregator feeds PricesIT deploys (2000 USD per ETH,
 * 1 per USDC, so USDC-ETH 0.0005), users signed in with real wallets, the assets of
 * webapp/src/test/liberty/configDropins/overrides/quotes.xml.
 */
class QuotesIT {

    private static final String USDC = LocalContracts.USDC.toChecksumString();
    private static final String WETH = LocalContracts.WETH.toChecksumString();

    private static TestWallet wallet;
    private static SignInClient.Session trader;

    @BeforeAll
    static void pricesAndATrader() throws Exception {
        LocalContracts.ensureDeployed();
        PricesIT.deployFeeds();
        awaitAvailable("USDC-ETH");
        wallet = TestWallet.newEvm();
        trader = SignInClient.signIn(wallet);
    }

    @Test
    void assetsArePublic() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/api/assets"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).getJsonArray("assets").getValuesAs(JsonObject.class))
                .extracting(asset -> asset.getJsonNumber("chainId") + " " + asset.getString("symbol") + " "
                        + asset.getString("token") + " " + asset.getInt("decimals") + " " + asset.getString("pricedAs"))
                .contains("31337 USDC " + USDC + " 6 USDC", "31338 WETH " + WETH + " 18 ETH");
    }

    @Test
    void aQuoteIsPricedFromTheLiveFeedsWithItsProvenanceAndDepositInstructions() throws Exception {
        HttpResponse<String> response = quote(UUID.randomUUID().toString(), request("100000000", wallet.address()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject quote = Http.json(response);
        String id = quote.getString("id");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/quotes/" + id));
        assertThat(quote.getString("status")).isEqualTo("PENDING");
        // 100 USDC × 0.0005 = 0.05 ETH; fee 0.3 % rounded up; minimum 0.5 % below, rounded down
        assertThat(quote.getString("amountIn")).isEqualTo("100000000");
        assertThat(quote.getString("fee")).isEqualTo("150000000000000");
        assertThat(quote.getString("amountOut")).isEqualTo("49850000000000000");
        assertThat(quote.getString("minAmountOut")).isEqualTo("49600750000000000");
        assertThat(quote.getJsonObject("from").getInt("decimals")).isEqualTo(6);
        assertThat(quote.getJsonObject("to").getInt("decimals")).isEqualTo(18);
        assertThat(quote.getString("recipient")).isEqualTo(wallet.address());

        JsonObject price = quote.getJsonObject("price");
        assertThat(price.getString("pair")).isEqualTo("USDC-ETH");
        assertThat(price.getString("price")).isEqualTo("0.0005");
        assertThat(price.getString("confidence")).isEqualTo("0");
        assertThat(price.getJsonArray("sources").getValuesAs(JsonObject.class))
                .allSatisfy(source -> assertThat(source.getString("publishedAt")).isNotBlank())
                .extracting(source -> source.getString("name")).contains("chainlink@31337", "chainlink@31338");
        assertThat(price.getJsonObject("usd").getString("pair")).isEqualTo("USDC-USD");
        assertThat(price.getString("notionalUsd")).isEqualTo("100");
        JsonObject thresholds = price.getJsonObject("thresholds");
        assertThat(thresholds.getInt("feeBps")).isEqualTo(30);
        assertThat(thresholds.getInt("ttlSeconds")).isEqualTo(thresholds.getInt("ttlMaxSeconds"));
        assertThat(Duration.between(Instant.parse(quote.getString("createdAt")),
                Instant.parse(quote.getString("expiresAt"))).toSeconds()).isEqualTo(thresholds.getInt("ttlSeconds"));

        JsonObject deposit = quote.getJsonObject("deposit");
        String ref = "0x" + "0".repeat(32) + id.replace("-", "");
        assertThat(deposit.getInt("chainId")).isEqualTo(31337);
        assertThat(deposit.getString("escrow")).isEqualTo(LocalContracts.ESCROW.toChecksumString());
        assertThat(deposit.getString("token")).isEqualTo(USDC);
        assertThat(deposit.getString("amount")).isEqualTo("100000000");
        assertThat(deposit.getString("quoteRef")).isEqualTo(ref);
        assertThat(deposit.getString("calldata")).startsWith("0x").contains(ref.substring(2))
                .hasSize(2 + 2 * (4 + 3 * 32));
        assertThat(quote.getJsonObject("execution").getString("status")).isEqualTo("PENDING");

        HttpResponse<String> read = Http.get(TestEnvironment.uri("/api/quotes/" + id), trader.token());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Http.json(read)).isEqualTo(quote);
    }

    @Test
    void aWethQuoteUsesTheInversePair() throws Exception {
        JsonObject body = Json.createObjectBuilder()
                .add("from", Json.createObjectBuilder().add("chainId", 31338).add("asset", "WETH")
                        .add("amount", "1000000000000000000"))
                .add("to", Json.createObjectBuilder().add("chainId", "31337").add("asset", USDC.toLowerCase()))
                .add("recipient", wallet.address()).build();

        HttpResponse<String> response = quote(UUID.randomUUID().toString(), body.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject quote = Http.json(response);
        assertThat(quote.getJsonObject("price").getBoolean("inverted")).isTrue();
        assertThat(quote.getString("amountOut")).isEqualTo("1994000000"); // 2000 USDC less 0.3 %
        assertThat(quote.getJsonObject("to").getString("asset")).isEqualTo("USDC");
    }

    @Test
    void theSameKeyAnswersTheSameQuoteAndRefusesAnotherRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = quote(key, request("20000000", wallet.address()));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        HttpResponse<String> again = quote(key, " " + request("20000000", wallet.address()) + "\n");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(Http.json(again).getString("id")).isEqualTo(Http.json(first).getString("id"));

        assertProblem(quote(key, request("20000001", wallet.address())), 422, "UNPROCESSABLE");

        HttpResponse<String> missing = Http.send(Http.authorized(TestEnvironment.uri("/api/quotes"), trader.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request("20000000", wallet.address()))));
        assertThat(assertProblem(missing, 400, "INVALID_REQUEST").getString("field")).isEqualTo("Idempotency-Key");
        assertProblem(quote("with space", request("20000000", wallet.address())), 400, "INVALID_REQUEST");
    }

    @Test
    void concurrentRequestsAreAnsweredEachOnItsOwnWithOneQuotePerKey() throws Exception {
        String shared = key();
        String sharedBody = request("30000000", wallet.address());
        List<String> ownKeys = new ArrayList<>();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> quote(shared, sharedBody));
            String own = key();
            ownKeys.add(own);
            calls.add(() -> quote(own, request("30000000", wallet.address())));
        }
        String stranger = TestWallet.newEvm().address();
        for (int i = 0; i < 5; i++) {
            calls.add(() -> quote(key(), request("30000000", stranger)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<HttpResponse<String>> sharedAnswers = new ArrayList<>();
        List<String> ownIds = new ArrayList<>();
        for (int i = 0; i < 20; i += 2) {
            sharedAnswers.add(answers.get(i));
            assertThat(answers.get(i + 1).statusCode()).as(answers.get(i + 1).body()).isEqualTo(201);
            ownIds.add(Http.json(answers.get(i + 1)).getString("id"));
        }
        assertThat(sharedAnswers).extracting(HttpResponse::statusCode).containsOnly(200, 201)
                .filteredOn(status -> status == 201).hasSize(1);
        assertThat(sharedAnswers).extracting(answer -> Http.json(answer).getString("id")).containsOnly(
                Http.json(sharedAnswers.getFirst()).getString("id"));
        assertThat(ownIds).doesNotHaveDuplicates().doesNotContain(Http.json(sharedAnswers.getFirst()).getString("id"));
        for (HttpResponse<String> refused : answers.subList(20, 25)) {
            assertField(refused, 422, "RECIPIENT_NOT_VERIFIED", "recipient");
        }
        assertProblem(quote(shared, request("30000001", wallet.address())), 422, "UNPROCESSABLE");

        try (Connection db = TestEnvironment.database();
             PreparedStatement keys = db.prepareStatement("SELECT count(*), count(q.id) FROM quotes.idempotency_keys k"
                     + " LEFT JOIN quotes.quotes q ON q.id = k.quote_id WHERE k.idempotency_key = ANY (?)")) {
            List<String> all = new ArrayList<>(ownKeys);
            all.add(shared);
            keys.setArray(1, db.createArrayOf("text", all.toArray()));
            try (ResultSet rows = keys.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(11);
                assertThat(rows.getInt(2)).isEqualTo(11);
            }
        }
    }

    @Test
    void badInputIsRefusedSayingWhatToFix() throws Exception {
        String me = wallet.address();
        assertField(quote(key(), body("31337", "DOGE", "100000000", "31338", "WETH", me)), 422, "UNSUPPORTED_ASSET",
                "from.asset");
        assertField(quote(key(), body("1", "USDC", "100000000", "31338", "WETH", me)), 422, "UNSUPPORTED_ASSET",
                "from.asset");
        assertField(quote(key(), body("31337", "USDC", "100000000", "31337", "USDC", me)), 422, "SAME_ASSET", "to");
        assertField(quote(key(), body("31337", "USDC", "1.5", "31338", "WETH", me)), 400, "INVALID_AMOUNT",
                "from.amount");
        assertField(quote(key(), body("31337", "USDC", "-1", "31338", "WETH", me)), 400, "INVALID_AMOUNT",
                "from.amount");
        assertField(quote(key(), body("31337", "USDC", "1000000", "31338", "WETH", me)), 422, "AMOUNT_TOO_SMALL",
                "from.amount");
        assertField(quote(key(), body("31337", "USDC", "0", "31338", "WETH", me)), 422, "AMOUNT_TOO_SMALL",
                "from.amount");
        assertField(quote(key(), body("31337", "USDC", "100001000000", "31338", "WETH", me)), 422, "LIMIT_EXCEEDED",
                "from.amount");
        assertField(quote(key(), body("x1", "USDC", "100000000", "31338", "WETH", me)), 400, "INVALID_CHAIN_ID",
                "from.chainId");
        assertField(quote(key(), body("31337", "USDC", "100000000", "31338", "WETH", "0x1234")), 400,
                "INVALID_ADDRESS", "recipient");
        assertField(quote(key(), body("31337", "USDC", "100000000", "31338", "WETH",
                TestWallet.newEvm().address())), 422, "RECIPIENT_NOT_VERIFIED", "recipient");
        assertField(quote(key(), "{\"from\": {\"chainId\": 31337, \"asset\": \"USDC\", \"amount\": 100000000},"
                + " \"to\": {\"chainId\": 31338, \"asset\": \"WETH\"}, \"recipient\": \"" + me + "\"}"), 400,
                "INVALID_REQUEST", "from.amount");
        assertField(quote(key(), "{\"from\": {\"chainId\": 31337}}"), 400, "INVALID_REQUEST", "to");
        assertField(quote(key(), "[]"), 400, "INVALID_REQUEST", "body");
        assertProblem(quote(key(), "{\"from\": "), 400, "MALFORMED_JSON");
        assertProblem(Http.json("POST", TestEnvironment.uri("/api/quotes"), null, request("1", me)), 401,
                "NOT_SIGNED_IN");
    }

    @Test
    void noPriceIsA503ThatSaysWhy() throws Exception {
        PricesIT.pushAnswer(31338L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(210_000_000_000L));
        try {
            awaitUnavailable("USDC-ETH");
            JsonObject problem = assertProblem(quote(key(), request("100000000", wallet.address())), 503,
                    "PRICE_UNAVAILABLE");
            assertThat(problem.getString("detail")).contains("ETH-USD");
        } finally {
            PricesIT.pushAnswer(31338L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_000_000_000L));
            awaitAvailable("USDC-ETH");
        }
    }

    @Test
    void anotherUsersQuoteIsNotFound() throws Exception {
        String id = Http.json(quote(key(), request("30000000", wallet.address()))).getString("id");
        SignInClient.Session stranger = SignInClient.newTrader();

        assertProblem(Http.get(TestEnvironment.uri("/api/quotes/" + id), stranger.token()), 404, "QUOTE_NOT_FOUND");
        assertProblem(Http.get(TestEnvironment.uri("/api/quotes/" + UUID.randomUUID()), trader.token()), 404,
                "QUOTE_NOT_FOUND");
        assertProblem(Http.get(TestEnvironment.uri("/api/quotes/not-a-quote"), trader.token()), 404,
                "QUOTE_NOT_FOUND");
        assertThat(Http.json(Http.get(TestEnvironment.uri("/api/quotes"), stranger.token()))
                .getJsonArray("quotes")).isEmpty();
    }

    @Test
    void theListIsPagedNewestFirstWithACursor() throws Exception {
        TestWallet own = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(own);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> created = Http.send(Http.authorized(TestEnvironment.uri("/api/quotes"), user.token())
                    .header("Content-Type", "application/json").header("Idempotency-Key", key())
                    .POST(HttpRequest.BodyPublishers.ofString(request(String.valueOf(10_000_000 + i), own.address()))));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            made.add(0, Http.json(created).getString("id"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = Http.json(Http.get(TestEnvironment.uri("/api/quotes?limit=2&status=PENDING"
                    + (cursor == null ? "" : "&cursor=" + cursor)), user.token()));
            page.getJsonArray("quotes").getValuesAs(JsonObject.class).forEach(quote -> seen.add(quote.getString("id")));
            cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
            pages++;
        } while (cursor != null);

        assertThat(seen).isEqualTo(made);
        assertThat(pages).isEqualTo(3);
        assertThat(Http.json(Http.get(TestEnvironment.uri("/api/quotes?status=COMPLETED"), user.token()))
                .getJsonArray("quotes")).isEmpty();
        assertField(Http.get(TestEnvironment.uri("/api/quotes?status=pending"), user.token()), 400, "INVALID_REQUEST",
                "status");
        assertField(Http.get(TestEnvironment.uri("/api/quotes?cursor=abc"), user.token()), 400, "INVALID_REQUEST",
                "cursor");
        assertField(Http.get(TestEnvironment.uri("/api/quotes?limit=0"), user.token()), 400, "INVALID_REQUEST",
                "limit");
        assertField(Http.get(TestEnvironment.uri("/api/quotes?limit=101"), user.token()), 400, "INVALID_REQUEST",
                "limit");
    }

    @Test
    void anUnpaidQuotePastItsLifetimeExpiresWithAnEventForItsUser() throws Exception {
        String id = Http.json(quote(key(), request("40000000", wallet.address()))).getString("id");
        try (Connection db = TestEnvironment.database();
             PreparedStatement back = db.prepareStatement("UPDATE quotes.quotes SET created_at = created_at - "
                     + "interval '1 hour', expires_at = expires_at - interval '1 hour' WHERE id = ?::uuid")) {
            back.setString(1, id);
            assertThat(back.executeUpdate()).isEqualTo(1);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonObject quote;
        do {
            Thread.sleep(250);
            quote = Http.json(Http.get(TestEnvironment.uri("/api/quotes/" + id), trader.token()));
        } while (!quote.getString("status").equals("EXPIRED") && System.nanoTime() < deadline);

        assertThat(quote.getString("status")).isEqualTo("EXPIRED");
        try (Connection db = TestEnvironment.database();
             PreparedStatement events = db.prepareStatement("SELECT event_type, user_id::text FROM "
                     + "notifications.outbox WHERE subject = ?")) {
            events.setString(1, id);
            try (ResultSet rows = events.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("quote.expired");
                assertThat(rows.getString(2)).isEqualTo(trader.userId());
                assertThat(rows.next()).isFalse();
            }
        }
    }

    private static void assertField(HttpResponse<String> response, int status, String code, String field) {
        assertThat(assertProblem(response, status, code).getString("field")).as(response.body()).isEqualTo(field);
    }

    private static HttpResponse<String> quote(String key, String body) throws Exception {
        return Http.send(Http.authorized(TestEnvironment.uri("/api/quotes"), trader.token())
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static String request(String amount, String recipient) {
        return body("31337", "USDC", amount, "31338", "WETH", recipient);
    }

    private static String body(String fromChain, String fromAsset, String amount, String toChain, String toAsset,
                               String recipient) {
        JsonObjectBuilder from = Json.createObjectBuilder().add("asset", fromAsset).add("amount", amount);
        if (fromChain.chars().allMatch(Character::isDigit)) {
            from.add("chainId", Long.parseLong(fromChain));
        } else {
            from.add("chainId", fromChain);
        }
        return Json.createObjectBuilder().add("from", from)
                .add("to", Json.createObjectBuilder().add("chainId", Long.parseLong(toChain)).add("asset", toAsset))
                .add("recipient", recipient).build().toString();
    }

    static void awaitAvailable(String pair) throws Exception {
        awaitPair(pair, true);
    }

    private static void awaitUnavailable(String pair) throws Exception {
        awaitPair(pair, false);
    }

    private static void awaitPair(String pair, boolean available) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        URI uri = TestEnvironment.uri("/api/prices/" + pair);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = Http.get(uri);
            if (response.statusCode() == 200 && Http.json(response).getBoolean("available") == available) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(pair + " did not become " + (available ? "available" : "unavailable"));
    }
}
