package io.swapdesk.pricing.internal;

import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.platform.DomainException;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceUnavailable;
import io.swapdesk.pricing.PriceUpdated;
import io.swapdesk.pricing.PricingError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceBoardTest {

    private static final Pair ETH_USD = Pair.parse("ETH-USD");
    private static final Pair USDC_USD = Pair.parse("USDC-USD");
    private static final Pair USDC_ETH = Pair.parse("USDC-ETH");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final List<PriceUpdated> events = new ArrayList<>();
    private final List<PriceUnavailable> outages = new ArrayList<>();
    private static final Map<String, String> CONFIG = Map.of(
            "pricing.pairs", "ETH-USD,USDC-USD", "pricing.cross-pairs", "USDC-ETH");
    private final PriceBoard board = new PriceBoard(new PricingSettings(name -> Optional.ofNullable(CONFIG.get(name))),
            clock, events::add, outages::add, new PricingMetrics(TestChains.noMetrics(), clock));

    @Test
    void servesEveryPairAndFiresOneEventPerChangedAggregate() {
        board.accept(List.of(reading("a", ETH_USD, "2000"), reading("b", ETH_USD, "2000"),
                reading("a", USDC_USD, "1"), reading("b", USDC_USD, "1")));

        assertThat(board.pairs()).containsExactly(ETH_USD, USDC_USD, USDC_ETH);
        assertThat(board.latest(ETH_USD).price()).isEqualByComparingTo("2000");
        assertThat(board.latest(USDC_ETH).price()).isEqualByComparingTo("0.0005");
        assertThat(events).extracting(PriceUpdated::pair).containsExactly(ETH_USD, USDC_USD, USDC_ETH);

        board.aggregate();
        assertThat(events).as("nothing changed, nothing fired").hasSize(3);

        board.accept(List.of(reading("b", ETH_USD, "2010")));
        assertThat(events).extracting(PriceUpdated::pair).endsWith(ETH_USD, USDC_ETH);
        assertThat(events.get(3).price()).isEqualByComparingTo("2005");
    }

    @Test
    void aFollowerFiresTheLeadersTicksMarkedRelayed() {
        List<PriceUpdated> followerEvents = new ArrayList<>();
        PriceBoard follower = new PriceBoard(new PricingSettings(name -> Optional.ofNullable(CONFIG.get(name))),
                clock, followerEvents::add, new PricingMetrics(TestChains.noMetrics(), clock));
        board.relayTo(statuses -> statuses.forEach(status -> follower.applyRelayed(
                RelayCodec.decode(RelayCodec.encode("leader", status)).status())));

        board.accept(List.of(reading("a", ETH_USD, "2000"), reading("b", ETH_USD, "2000"),
                reading("a", USDC_USD, "1"), reading("b", USDC_USD, "1")));
        board.aggregate();
        board.accept(List.of(reading("b", ETH_USD, "2010")));

        assertThat(followerEvents).allMatch(PriceUpdated::relayed);
        assertThat(events).noneMatch(PriceUpdated::relayed);
        assertThat(followerEvents).extracting(PriceUpdated::pair, PriceUpdated::price, PriceUpdated::observedAt)
                .containsExactlyElementsOf(events.stream().map(event -> org.assertj.core.groups.Tuple.tuple(
                        event.pair(), event.price(), event.observedAt())).toList());
        assertThat(follower.latest(USDC_ETH)).isEqualTo(board.latest(USDC_ETH));
    }

    @Test
    void aPairThatLosesItsPriceIsAnnouncedOnceAndItsReturnIsATickAgain() {
        board.aggregate();
        assertThat(outages).as("a pair that never had a price is not announced").isEmpty();
        board.accept(List.of(reading("a", ETH_USD, "2000"), reading("b", ETH_USD, "2000"),
                reading("a", USDC_USD, "1"), reading("b", USDC_USD, "1")));

        clock.advance(Duration.ofSeconds(6));
        board.aggregate();
        board.aggregate();

        assertThat(outages).extracting(PriceUnavailable::pair).containsExactly(ETH_USD, USDC_USD, USDC_ETH);
        assertThat(outages).noneMatch(PriceUnavailable::relayed);
        assertThat(outages.get(0).reason()).contains("the source stopped answering");
        assertThat(outages.get(0).observedAt()).isEqualTo(clock.instant());

        int ticks = events.size();
        board.accept(List.of(reading("a", ETH_USD, "2000"), reading("b", ETH_USD, "2000")));
        assertThat(events.subList(ticks, events.size())).extracting(PriceUpdated::pair)
                .as("the same price as before the outage is a tick again").containsExactly(ETH_USD);
        assertThat(outages).hasSize(3);
    }

    @Test
    void aFollowerAnnouncesTheLeadersOutagesMarkedRelayed() {
        List<PriceUnavailable> followerOutages = new ArrayList<>();
        PriceBoard follower = new PriceBoard(new PricingSettings(name -> Optional.ofNullable(CONFIG.get(name))),
                clock, event -> { }, followerOutages::add, new PricingMetrics(TestChains.noMetrics(), clock));
        board.relayTo(statuses -> statuses.forEach(status -> follower.applyRelayed(
                RelayCodec.decode(RelayCodec.encode("leader", status)).status())));
        board.accept(List.of(reading("a", ETH_USD, "2000"), reading("b", ETH_USD, "2000")));

        board.accept(List.of(reading("b", ETH_USD, "2100")));

        assertThat(outages).extracting(PriceUnavailable::pair).containsExactly(ETH_USD);
        assertThat(followerOutages).singleElement().satisfies(outage -> {
            assertThat(outage.pair()).isEqualTo(ETH_USD);
            assertThat(outage.relayed()).isTrue();
            assertThat(outage.reason()).isEqualTo(outages.get(0).reason());
        });
    }

    @Test
    void anUnknownPairIsNamedAsSuch() {
        assertThatThrownBy(() -> board.latest(Pair.parse("BTC-USD")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(PricingError.UNKNOWN_PAIR);
                    assertThat(e.code().status()).isEqualTo(404);
                });
    }

    @Test
    void aPairWithoutEnoughSourcesIsUnavailableWithTheReason() {
        assertThatThrownBy(() -> board.latest(ETH_USD)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(PricingError.PRICE_UNAVAILABLE);
            assertThat(e.detail()).contains("no source has answered yet");
        });

        board.accept(List.of(reading("a", ETH_USD, "2000")));
        assertThatThrownBy(() -> board.latest(ETH_USD)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.detail()).contains("only 1 fresh source(s), 2 needed"));
    }

    @Test
    void pricesAgeOutWhenSourcesFallSilent() {
        board.accept(List.of(reading("a", ETH_USD, "2000"), reading("b", ETH_USD, "2000")));
        assertThat(board.status(ETH_USD).available()).isTrue();

        clock.advance(Duration.ofSeconds(6));

        assertThat(board.status(ETH_USD).available()).as("not re-aggregated, served as too old").isFalse();
        board.aggregate();
        assertThat(board.status(ETH_USD).reason()).contains("the source stopped answering");
    }

    private Reading reading(String source, Pair pair, String price) {
        return new Reading.Priced(source, pair, new BigDecimal(price), BigDecimal.ZERO, clock.instant(),
                Duration.ofHours(1), clock.instant(), false);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
