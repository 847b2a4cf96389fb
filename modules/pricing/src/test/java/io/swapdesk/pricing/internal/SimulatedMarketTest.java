package io.swapdesk.pricing.internal;

import io.swapdesk.chains.FeedRound;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.TestAggregators;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.pricing.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated market against a TestAggregator feed on a real anvil chain. */
class SimulatedMarketTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final SignerKey OWNER = SignerKey.of(AnvilExtension.DEV_KEY_0);
    private static final Pair ETH_USD = Pair.parse("ETH-USD");

    private static TestChains chains;

    @BeforeAll
    static void connect() {
        chains = TestChains.connect(CHAIN);
    }

    @AfterAll
    static void disconnect() {
        chains.close();
    }

    @Test
    void onlyTheServerThatComputesPricesMovesTheMarket() {
        EvmAddress feed = chains.testAggregators().deploy(CHAIN.chainId(), OWNER, 8, "ETH / USD",
                BigInteger.valueOf(300_000_000_000L));
        AtomicBoolean computing = new AtomicBoolean(false);
        AtomicInteger pushes = new AtomicInteger();
        TestAggregators counted = new TestAggregators() {
            @Override
            public EvmAddress deploy(ChainId chain, SignerKey owner, int decimals, String description,
                                     BigInteger initialAnswer) {
                return chains.testAggregators().deploy(chain, owner, decimals, description, initialAnswer);
            }

            @Override
            public String pushAnswer(ChainId chain, EvmAddress at, SignerKey owner, BigInteger answer) {
                pushes.incrementAndGet();
                return chains.testAggregators().pushAnswer(chain, at, owner, answer);
            }

            @Override
            public void setRound(ChainId chain, EvmAddress at, SignerKey owner, BigInteger roundId, BigInteger answer,
                                 Instant startedAt, Instant updatedAt, BigInteger answeredInRound) {
                throw new UnsupportedOperationException("the simulated market only pushes answers");
            }
        };
        SimulatedMarket market = new SimulatedMarket(
                new PricingSettings.Simulation(true, Optional.of(OWNER), Map.of(ETH_USD, new BigDecimal("3000")),
                        new BigDecimal("0.002"), new BigDecimal("0.0005"), 7, Duration.ofSeconds(1)),
                Map.of(ETH_USD, List.of(new PricingSettings.ChainlinkFeed(CHAIN.chainId(), feed))),
                counted, chains.priceFeeds(), computing::get);

        FeedRound deployed = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);

        market.step();
        assertThat(pushes).as("a server that does not compute prices pushes nothing").hasValue(0);

        computing.set(true);
        market.step();
        assertThat(pushes).as("one round pushed").hasValue(1);
        // The push does not wait for its block: the round shows once the chain has mined it.
        FeedRound moved = awaitRoundAfter(feed, deployed.roundId());
        assertThat(moved.roundId()).isEqualTo(deployed.roundId().add(BigInteger.ONE));
        assertThat(moved.price()).isBetween(new BigDecimal("2990"), new BigDecimal("3010"));
    }

    private static FeedRound awaitRoundAfter(EvmAddress feed, BigInteger roundId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        FeedRound latest = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);
        while (latest.roundId().equals(roundId) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            latest = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);
        }
        return latest;
    }
}
