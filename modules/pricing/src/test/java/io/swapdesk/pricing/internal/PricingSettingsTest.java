package io.swapdesk.pricing.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.pricing.Pair;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingSettingsTest {

    private static final String FEED_A = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String FEED_B = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    @Test
    void defaultsPriceNothingAndLeaveTheSimulatedMarketOff() {
        PricingSettings settings = settings(Map.of());

        assertThat(settings.pairs()).isEmpty();
        assertThat(settings.minSources()).isEqualTo(2);
        assertThat(settings.maxDeviation()).isEqualByComparingTo("0.01");
        assertThat(settings.chainlinkHeartbeat()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.pythUrl()).isEmpty();
        assertThat(settings.simulation().enabled()).isFalse();
    }

    @Test
    void readsPairsFeedsAndTheSimulation() {
        PricingSettings settings = settings(Map.of(
                "pricing.pairs", "ETH-USD, USDC-USD",
                "pricing.cross-pairs", "USDC-ETH",
                "pricing.chainlink.feeds.ETH-USD", "31337:" + FEED_A + ",31338:" + FEED_B + ":86400",
                "pricing.pyth.url", "http://127.0.0.1:1234/",
                "pricing.pyth.feeds.ETH-USD", "0xFF61491A931112DDF1BD8147CD1B641375F79F5825126D665480874634FD0ACE",
                "pricing.simulated.enabled", "true",
                "pricing.simulated.owner-key", "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
                "pricing.simulated.start-prices", "ETH-USD=3000,USDC-USD=1"));

        Pair eth = Pair.parse("ETH-USD");
        assertThat(settings.pairs()).containsExactly(eth, Pair.parse("USDC-USD"));
        assertThat(settings.crossPairs()).extracting(CrossRoute::pair).containsExactly(Pair.parse("USDC-ETH"));
        assertThat(settings.chainlinkFeeds().get(eth)).containsExactly(
                new PricingSettings.ChainlinkFeed(ChainId.of(31337), EvmAddress.parse(FEED_A)),
                new PricingSettings.ChainlinkFeed(ChainId.of(31338), EvmAddress.parse(FEED_B),
                        Optional.of(Duration.ofDays(1))));
        assertThat(settings.pythUrl()).hasValueSatisfying(url -> assertThat(url).hasToString("http://127.0.0.1:1234"));
        assertThat(settings.pythFeeds().get(eth)).isEqualTo("ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace");
        assertThat(settings.simulation().startPrices()).containsEntry(eth, new BigDecimal("3000"));
        assertThat(settings.simulation().ownerKey()).isPresent();
    }

    @Test
    void invalidValuesNameThePropertyToFix() {
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD,eth")))
                .hasMessageContaining("pricing.pairs");
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD", "pricing.cross-pairs", "BTC-ETH")))
                .hasMessageContaining("pricing.cross-pairs: BTC-ETH cannot be derived");
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD", "pricing.chainlink.feeds.ETH-USD", "0xabc")))
                .hasMessageContaining("pricing.chainlink.feeds.ETH-USD");
        assertThatThrownBy(() -> settings(Map.of("pricing.max-deviation", "1.5")))
                .hasMessageContaining("pricing.max-deviation must be a fraction");
        assertThatThrownBy(() -> settings(Map.of("pricing.simulated.enabled", "true")))
                .hasMessageContaining("pricing.simulated.owner-key");
        assertThatThrownBy(() -> settings(Map.of("pricing.simulated.owner-key", "0x1234")))
                .hasMessageContaining("pricing.simulated.owner-key").hasMessageNotContaining("1234");
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD", "pricing.pyth.feeds.ETH-USD",
                "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace")))
                .hasMessageContaining("pricing.pyth.url");
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD", "pricing.chainlink.feeds.ETH-USD",
                "31337:" + FEED_A + ":0")))
                .hasMessageContaining("pricing.chainlink.feeds.ETH-USD").hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD", "pricing.chainlink.feeds.ETH-USD",
                "31337:" + FEED_A + ":1h")))
                .hasMessageContaining("a heartbeat is a whole number of seconds");
        assertThatThrownBy(() -> settings(Map.of("pricing.pairs", "ETH-USD", "pricing.chainlink.feeds.ETH-USD",
                "31337:" + FEED_A + ":60:1")))
                .hasMessageContaining("expected <chain id>:<aggregator address>");
        assertThatThrownBy(() -> settings(Map.of("pricing.pyth.timeout-ms", "2501")))
                .hasMessageContaining("pricing.pyth.timeout-ms must be at most 2500");
        assertThat(settings(Map.of("pricing.pyth.timeout-ms", "2500")).pythTimeout()).hasMillis(2500);
    }

    @Test
    void aSeededWalkRepeatsItselfAndStaysPositive() {
        RandomWalk first = new RandomWalk(7, new BigDecimal("3000"), new BigDecimal("0.01"));
        RandomWalk second = new RandomWalk(7, new BigDecimal("3000"), new BigDecimal("0.01"));
        List<BigDecimal> path = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            BigDecimal next = first.next();
            path.add(next);
            assertThat(second.next()).isEqualByComparingTo(next);
        }
        assertThat(path).allSatisfy(price -> assertThat(price).isPositive());
        assertThat(path.get(1).divide(path.get(0), PriceMath.CONTEXT).subtract(BigDecimal.ONE).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.01"));
    }

    private static PricingSettings settings(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new PricingSettings(name -> Optional.ofNullable(copy.get(name)));
    }
}
