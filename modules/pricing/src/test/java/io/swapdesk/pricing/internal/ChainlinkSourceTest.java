package io.swapdesk.pricing.internal;

import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.SourcePrice.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chainlink source against TestAggregator feeds on a real anvil chain. */
class ChainlinkSourceTest extends PriceSourceContractTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final SignerKey OWNER = SignerKey.of(AnvilExtension.DEV_KEY_0);
    private static final Duration HEARTBEAT = Duration.ofHours(1);
    /** A chain whose endpoint accepts connections and never answers. */
    private static final ChainId SILENT_CHAIN = ChainId.of(31999);

    private static TestChains chains;
    private static TestChains nowhere;
    private final Map<Pair, EvmAddress> feeds = new HashMap<>();
    private final Map<Pair, BigInteger> rounds = new HashMap<>();
    private ChainlinkSource source;

    @BeforeAll
    static void connect() {
        chains = TestChains.connect(CHAIN);
        nowhere = TestChains.connect("31337=http://127.0.0.1:9");
    }

    @AfterAll
    static void disconnect() {
        chains.close();
        nowhere.close();
    }

    @BeforeEach
    void deployFeeds() {
        for (Pair pair : List.of(ETH_USD, USDC_USD)) {
            feeds.put(pair, chains.testAggregators().deploy(CHAIN.chainId(), OWNER, 8, pair.base() + " / USD", BigInteger.ZERO));
            rounds.put(pair, BigInteger.ZERO);
        }
        source = sourceOver(chains, Set.of());
    }

    @Override
    PriceSource source() {
        return source;
    }

    @Override
    PriceSource unreachableSource() {
        return sourceOver(nowhere, Set.of());
    }

    @Override
    void publish(Pair pair, BigDecimal price, Instant at) {
        setRound(pair, price.movePointRight(8).toBigIntegerExact(), at, 0);
    }

    @Override
    void publishNonPositive(Pair pair) {
        setRound(pair, BigInteger.ZERO, Instant.now(), 0);
    }

    @Test
    void aRoundCarriedOverFromAnEarlierRoundIsRefused() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now());
        setRound(USDC_USD, BigInteger.valueOf(100_000_000), Instant.now(), 1);

        Reading usdc = fetch(source).stream().filter(reading -> reading.pair().equals(USDC_USD)).findFirst().orElseThrow();

        assertThat(usdc).isInstanceOfSatisfying(Reading.Rejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(Status.INVALID);
            assertThat(rejected.reason()).contains("carries the answer of round");
        });
    }

    @Test
    void aRoundOlderThanTheHeartbeatIsStale() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now().minus(HEARTBEAT).minusSeconds(5));
        publish(USDC_USD, BigDecimal.ONE, Instant.now().minus(HEARTBEAT).plusSeconds(60));

        List<Reading> readings = fetch(source);

        assertThat(priced(readings, ETH_USD).staleness(Instant.now(), Duration.ofSeconds(5))).isPresent();
        assertThat(priced(readings, USDC_USD).staleness(Instant.now(), Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aFeedWithItsOwnHeartbeatAgesByItNotByTheDefault() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now().minus(Duration.ofHours(2)));
        publish(USDC_USD, BigDecimal.ONE, Instant.now().minus(Duration.ofHours(2)));
        Map<Pair, List<PricingSettings.ChainlinkFeed>> configured = Map.of(
                ETH_USD, List.of(new PricingSettings.ChainlinkFeed(CHAIN.chainId(), feeds.get(ETH_USD))),
                USDC_USD, List.of(new PricingSettings.ChainlinkFeed(CHAIN.chainId(), feeds.get(USDC_USD),
                        Optional.of(Duration.ofDays(1)))));
        ChainlinkSource source = new ChainlinkSource(chains.priceFeeds(), configured, HEARTBEAT, Duration.ofSeconds(1),
                Set.of(), Clock.systemUTC(), ChainlinkSource.ANSWER_WAIT);

        List<Reading> readings = fetch(source);

        assertThat(priced(readings, ETH_USD).staleness(Instant.now(), Duration.ofSeconds(5)))
                .hasValueSatisfying(why -> assertThat(why).contains("more than the 3600 s allowed"));
        assertThat(priced(readings, USDC_USD).maxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(priced(readings, USDC_USD).staleness(Instant.now(), Duration.ofSeconds(5))).isEmpty();
        source.stop();
    }

    @Test
    void aFeedWithoutRoundsOrAnAddressWithoutCodeIsInvalidNotAnOutage() {
        // The fresh feeds have no round yet: latestRoundData reverts.
        List<Reading> readings = fetch(source);

        assertThat(readings).allSatisfy(reading -> assertThat(reading).isInstanceOfSatisfying(Reading.Rejected.class,
                rejected -> assertThat(rejected.status()).isEqualTo(Status.INVALID)));
    }

    @Test
    void feedsDrivenByTheSimulatedMarketAreLabelled() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now());
        publish(USDC_USD, BigDecimal.ONE, Instant.now());

        List<Reading> readings = fetch(sourceOver(chains, Set.of(ETH_USD)));

        assertThat(priced(readings, ETH_USD)).satisfies(eth -> {
            assertThat(eth.source()).isEqualTo("simulated-market@31337");
            assertThat(eth.simulated()).isTrue();
        });
        assertThat(priced(readings, USDC_USD)).satisfies(usdc -> {
            assertThat(usdc.source()).isEqualTo("chainlink@31337");
            assertThat(usdc.simulated()).isFalse();
        });
    }

    @Test
    void aChainThatNeverAnswersCostsItsOwnFeedsNotTheOthers() throws IOException {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TestChains withSilentChain = TestChains.connect(CHAIN.chainId() + "=" + CHAIN.rpcUrl()
                     + "," + SILENT_CHAIN + "=http://127.0.0.1:" + silent.getLocalPort())) {
            // Accepted by the kernel's backlog, never answered: each read waits for the RPC timeout (3 s here),
            // and the two silent feeds read one after the other would take 6 s, more than the fetch's @Timeout.
            Map<Pair, List<PricingSettings.ChainlinkFeed>> configured = Map.of(
                    ETH_USD, List.of(new PricingSettings.ChainlinkFeed(CHAIN.chainId(), feeds.get(ETH_USD)),
                            new PricingSettings.ChainlinkFeed(SILENT_CHAIN, feeds.get(ETH_USD))),
                    USDC_USD, List.of(new PricingSettings.ChainlinkFeed(SILENT_CHAIN, feeds.get(USDC_USD))));
            ChainlinkSource source = new ChainlinkSource(withSilentChain.priceFeeds(), configured, HEARTBEAT,
                    Duration.ofSeconds(1), Set.of(), Clock.systemUTC(), Duration.ofMillis(1500));

            List<Reading> readings = source.fetch(); // two feeds of one pair: not the contract's one per pair

            assertThat(readings).hasSize(3);
            assertThat(readings).filteredOn(reading -> reading.source().equals("chainlink@" + CHAIN.chainId()))
                    .singleElement().isInstanceOfSatisfying(Reading.Priced.class,
                            eth -> assertThat(eth.price()).isEqualByComparingTo("3000"));
            assertThat(readings).filteredOn(reading -> reading.source().equals("chainlink@" + SILENT_CHAIN))
                    .hasSize(2).allSatisfy(reading -> assertThat(reading).isInstanceOfSatisfying(
                            Reading.Rejected.class, rejected -> {
                                assertThat(rejected.status()).isEqualTo(Status.FAILED);
                                assertThat(rejected.reason()).contains("no answer within 1500 ms");
                            }));
            source.stop();
        }
    }

    private ChainlinkSource sourceOver(TestChains over, Set<Pair> simulated) {
        Map<Pair, List<PricingSettings.ChainlinkFeed>> configured = new HashMap<>();
        feeds.forEach((pair, address) -> configured.put(pair, List.of(new PricingSettings.ChainlinkFeed(CHAIN.chainId(), address))));
        return new ChainlinkSource(over.priceFeeds(), configured, HEARTBEAT, Duration.ofSeconds(1), simulated,
                Clock.systemUTC(), ChainlinkSource.ANSWER_WAIT);
    }

    /** Writes the pair's next round; {@code carriedOverBy} rounds back for answeredInRound. */
    private void setRound(Pair pair, BigInteger answer, Instant at, int carriedOverBy) {
        BigInteger round = rounds.merge(pair, BigInteger.ONE, BigInteger::add);
        chains.testAggregators().setRound(CHAIN.chainId(), feeds.get(pair), OWNER, round, answer, at, at,
                round.subtract(BigInteger.valueOf(carriedOverBy)));
    }
}
