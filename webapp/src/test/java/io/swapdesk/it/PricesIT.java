package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.internal.ContractArtifact;
import io.swapdesk.chains.internal.ContractDeployer;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * GET /api/prices end to end: real TestAggregator feeds on both harness chains, read by the server's Chainlink source
 * through the chains module, aggregated, served. The test server is pointed at the feeds before they exist
 * (webapp/src/test/liberty/configDropins/overrides/pricing.xml: addresses that follow from deployer and nonce); this
 * test deploys them, then moves one and watches the server exclude it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PricesIT {

    /** anvil's dev account 3: used by this test alone, so its nonces 0 and 1 make the configured feed addresses. */
    private static final Credentials FEED_OWNER =
            Credentials.create("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    static final EvmAddress ETH_USD_FEED = EvmAddress.parse("0x057ef64E23666F000b34aE31332854aCBd1c8544");
    private static final EvmAddress USDC_USD_FEED = EvmAddress.parse("0x261D8c5e9742e6f7f1076Fa1F560894524e19cad");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Map<Long, String> chains;

    @BeforeAll
    static void deployFeeds() throws Exception {
        chains = TestEnvironment.chains();
        assertThat(chains.keySet()).as("the harness chains").contains(31337L, 31338L);
        for (Map.Entry<Long, String> chain : chains.entrySet()) {
            Web3j web3j = Web3j.build(new HttpService(chain.getValue()));
            try {
                deployUnlessPresent(web3j, chain.getKey(), ETH_USD_FEED, "ETH / USD", "200000000000");
                deployUnlessPresent(web3j, chain.getKey(), USDC_USD_FEED, "USDC / USD", "100000000");
            } finally {
                web3j.shutdown();
            }
        }
    }

    @AfterAll
    static void restoreFeeds() throws Exception {
        pushAnswer(31338L, ETH_USD_FEED, BigInteger.valueOf(200_000_000_000L));
    }

    @Test
    @Order(1)
    void everyPairIsServedWithItsSourcesOnceTheFeedsAnswer() throws Exception {
        JsonObject eth = awaitPair("ETH-USD", pair -> pair.getBoolean("available"));

        assertThat(eth.getString("price")).isEqualTo("2000");
        assertThat(eth.getString("confidence")).isEqualTo("0");
        assertThat(eth.getBoolean("simulated")).isFalse();
        assertThat(eth.getJsonNumber("ageMs").longValue()).isLessThan(60_000);
        assertThat(eth.getJsonArray("sources").getValuesAs(JsonObject.class))
                .extracting(source -> source.getString("name") + " " + source.getString("status") + " "
                        + source.getString("price") + " " + source.getBoolean("fresh") + " " + source.getBoolean("excluded"))
                .containsExactly("chainlink@31337 used 2000 true false", "chainlink@31338 used 2000 true false");

        JsonObject all = Http.json(get("/api/prices"));
        assertThat(all.getJsonArray("prices").getValuesAs(JsonObject.class)).extracting(pair -> pair.getString("pair"))
                .containsExactly("ETH-USD", "USDC-USD", "USDC-ETH");
        JsonObject cross = awaitPair("USDC-ETH", pair -> pair.getBoolean("available"));
        assertThat(cross.getString("price")).isEqualTo("0.0005");
        assertThat(cross.getJsonArray("derivedFrom").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("ETH-USD", "USDC-USD");
    }

    @Test
    @Order(2)
    void aFeedThatMovesAwayFromTheOtherIsExcludedAndThePairBecomesUnavailable() throws Exception {
        try (WebSocketIT.Client watcher = WebSocketIT.Client.connect()) {
            watcher.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
            awaitPriceFrame(watcher, "ETH-USD", frame -> frame.getBoolean("available"));

            pushAnswer(31338L, ETH_USD_FEED, BigInteger.valueOf(210_000_000_000L));
            pricesShowTheExclusionThenTheReturn();

            JsonObject outage = awaitPriceFrame(watcher, "ETH-USD", frame -> !frame.getBoolean("available"));
            assertThat(outage.getString("reason")).contains("agree within 1 %, 2 needed");
            assertThat(outage.containsKey("price")).isFalse();
            JsonObject back = awaitPriceFrame(watcher, "ETH-USD", frame -> frame.getBoolean("available"));
            assertThat(back.getString("price")).isEqualTo("2002.5");
        }
    }

    private static void pricesShowTheExclusionThenTheReturn() throws Exception {
        JsonObject eth = awaitPair("ETH-USD", pair -> !pair.getBoolean("available"));

        assertThat(eth.getString("reason")).contains("agree within 1 %, 2 needed");
        assertThat(eth.containsKey("price")).isFalse();
        assertThat(eth.getJsonArray("sources").getValuesAs(JsonObject.class))
                .allSatisfy(source -> {
                    assertThat(source.getString("status")).isEqualTo("deviating");
                    assertThat(source.getBoolean("excluded")).isTrue();
                    assertThat(source.getString("reason")).contains("from the median 2050");
                });
        JsonObject cross = awaitPair("USDC-ETH", pair -> !pair.getBoolean("available"));
        assertThat(cross.getString("reason")).startsWith("derived from ETH-USD, which is unavailable");
        assertThat(cross.getJsonArray("derivedFrom").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("ETH-USD", "USDC-USD");

        pushAnswer(31338L, ETH_USD_FEED, BigInteger.valueOf(200_500_000_000L));
        JsonObject back = awaitPair("ETH-USD", pair -> pair.getBoolean("available"));
        assertThat(back.getString("price")).isEqualTo("2002.5");
        assertThat(back.getString("confidence")).isEqualTo("2.5");
    }

    @Test
    @Order(3)
    void badQueriesAreProblemsAndUnknownPairsAreNamed() throws Exception {
        HttpResponse<String> malformed = get("/api/prices?pair=eth");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.json(malformed).getString("code")).isEqualTo("INVALID_REQUEST");

        HttpResponse<String> unknown = get("/api/prices?pair=BTC-USD");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).getString("code")).isEqualTo("UNKNOWN_PAIR");

        assertThat(get("/api/prices/ETH").statusCode()).isEqualTo(400);
        assertThat(get("/api/prices/BTC-ETH").statusCode()).isEqualTo(404);
        assertThat(get("/api/prices?pair=USDC-USD&pair=ETH-USD").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void fetchesAreCountedInMetrics() throws Exception {
        String metrics = get("/metrics?scope=application").body();

        assertThat(metrics).contains("pricing_source_fetches_total", "source=\"chainlink\"", "outcome=\"ok\"",
                "pricing_source_age_seconds", "pricing_pair_available");
        // The deviating feed of test 2 was left out and counted; the fetches were timed; the pair is back.
        assertThat(metric(metrics, "pricing_exclusions_total{", "pair=\"ETH-USD\"", "status=\"deviating\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "pricing_source_duration_seconds_count{", "source=\"chainlink\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "pricing_pair_available{", "pair=\"ETH-USD\"")).isEqualTo(1);
        assertThat(metric(metrics, "pricing_source_age_seconds{", "pair=\"ETH-USD\"", "source=\"chainlink@31338\""))
                .as("published a moment ago, not -1 (never)").isBetween(0.0, 60.0);
    }

    /** The value of the first line of {@code name} that carries every tag; NaN when there is none. */
    private static double metric(String metrics, String name, String... tags) {
        return metrics.lines().filter(line -> line.startsWith(name))
                .filter(line -> java.util.Arrays.stream(tags).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Http.get(TestEnvironment.uri(path));
    }

    /** The data of the next price frame of {@code pair} that meets {@code condition}, on a /ws subscriber. */
    private static JsonObject awaitPriceFrame(WebSocketIT.Client client, String pair, Predicate<JsonObject> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            JsonObject frame = client.poll(250);
            if (frame != null && "price".equals(frame.getString("type", null))
                    && pair.equals(frame.getJsonObject("data").getString("pair"))
                    && condition.test(frame.getJsonObject("data"))) {
                return frame.getJsonObject("data");
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("within " + WAIT.toSeconds() + " s, no price frame of " + pair
                + " in the expected state reached the subscriber");
    }

    private static JsonObject awaitPair(String pair, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject last;
        do {
            HttpResponse<String> response = get("/api/prices/" + pair);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            last = Http.json(response);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("within " + WAIT.toSeconds() + " s, " + pair + " never reached the expected state; last: " + last);
    }

    private static void deployUnlessPresent(Web3j web3j, long chainId, EvmAddress expected, String description,
                                            String initialAnswer) throws Exception {
        String code = web3j.ethGetCode(expected.toChecksumString(), DefaultBlockParameterName.LATEST).send().getCode();
        if (code != null && code.length() > 2) {
            return; // deployed by an earlier run against the same chains
        }
        ContractArtifact aggregator = ContractArtifact.load("TestAggregator");
        EvmAddress deployed = new ContractDeployer(web3j, FEED_OWNER, ChainId.of(chainId)).deploy(aggregator,
                aggregator.encodeConstructorArguments(List.of("8", description, initialAnswer)));
        assertThat(deployed).as("the address the test server is configured with (pricing.xml)").isEqualTo(expected);
    }

    static void pushAnswer(long chainId, EvmAddress feed, BigInteger answer) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(chains.get(chainId)));
        try {
            RawTransactionManager transactions = new RawTransactionManager(web3j, FEED_OWNER, chainId);
            String data = FunctionEncoder.encode(new Function("updateAnswer", List.of(new Int256(answer)), List.of()));
            String hash = transactions.sendTransaction(web3j.ethGasPrice().send().getGasPrice(), BigInteger.valueOf(250_000),
                    feed.toChecksumString(), data, BigInteger.ZERO).getTransactionHash();
            assertThat(new PollingTransactionReceiptProcessor(web3j, 200, 50).waitForTransactionReceipt(hash).isStatusOK())
                    .isTrue();
        } finally {
            web3j.shutdown();
        }
    }
}
