package io.swapdesk.pricing.internal;

import io.swapdesk.chains.FeedRound;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.pricing.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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
        SimulatedMarket market = new SimulatedMarket(
                new PricingSettings.Simulation(true, Optional.of(OWNER), Map.of(ETH_USD, new BigDecimal("3000")),
                        new BigDecimal("0.002"), new BigDecimal("0.0005"), 7, Duration.ofSeconds(1)),
                Map.of(ETH_USD, List.of(new PricingSettings.ChainlinkFeed(CHAIN.chainId(), feed))),
                chains.testAggregators(), chains.priceFeeds(), computing::get);

        FeedRound deployed = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);

        market.step();
        assertThat(chains.priceFeeds().latestRound(CHAIN.chainId(), feed).roundId())
                .as("a server that does not compute prices pushes nothing").isEqualTo(deployed.roundId());

        computing.set(true);
        market.step();
        FeedRound moved = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);
        assertThat(moved.roundId()).as("one round pushed").isEqualTo(deployed.roundId().add(BigInteger.ONE));
        assertThat(moved.price()).isBetween(new BigDecimal("2990"), new BigDecimal("3010"));
    }
}
