package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.Prices.PairStatus;
import io.swapdesk.pricing.SourcePrice;
import io.swapdesk.pricing.SourcePrice.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AggregationTest {

    private static final Pair ETH_USD = Pair.parse("ETH-USD");
    private static final Pair USDC_USD = Pair.parse("USDC-USD");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration HEARTBEAT = Duration.ofHours(1);

    private final Aggregation twoWithinOnePercent = new Aggregation(2, new BigDecimal("0.01"), Duration.ofSeconds(5));

    @Test
    void theMedianOfAnOddCountIsTheMiddlePrice() {
        PriceQuote quote = available(twoWithinOnePercent.direct(ETH_USD,
                List.of(fresh("a", "3001"), fresh("b", "2999"), fresh("c", "3000.5")), NOW));

        assertThat(quote.price()).isEqualByComparingTo("3000.5");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        PriceQuote quote = available(twoWithinOnePercent.direct(ETH_USD,
                List.of(fresh("a", "3001"), fresh("b", "2999"), fresh("c", "3000"), fresh("d", "3000.3")), NOW));

        assertThat(quote.price()).isEqualByComparingTo("3000.15");
    }

    @Test
    void aSourceBeyondTheDeviationBoundIsExcludedAndTheRestDecide() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD,
                List.of(fresh("a", "3000"), fresh("b", "3010"), fresh("c", "3100")), NOW);

        assertThat(available(status).price()).isEqualByComparingTo("3005");
        assertThat(source(status, "c").status()).isEqualTo(Status.DEVIATING);
        assertThat(source(status, "c").reason()).contains("from the median 3010", "more than the 1 % allowed");
        assertThat(source(status, "a").status()).isEqualTo(Status.USED);
    }

    @Test
    void exactlyAtTheBoundIsStillUsed() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD,
                List.of(fresh("a", "3000"), fresh("b", "3030"), fresh("c", "3000")), NOW);

        assertThat(source(status, "b").status()).isEqualTo(Status.USED);
    }

    @Test
    void twoSourcesThatDisagreeLeaveThePairUnavailable() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "3000"), fresh("b", "3100")), NOW);

        assertThat(status.available()).isFalse();
        assertThat(status.reason()).contains("only 0 fresh source(s) agree within 1 %, 2 needed");
    }

    @Test
    void tooFewFreshSourcesLeaveThePairUnavailableSayingWhy() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "3000"),
                priced("b", "3000", "0", NOW.minus(HEARTBEAT).minusSeconds(1), NOW),
                new Reading.Rejected("c", ETH_USD, Status.INVALID, "round 5 answered 0, not a positive price",
                        Optional.of(BigDecimal.ZERO), Optional.of(NOW), NOW, false)), NOW);

        assertThat(status.available()).isFalse();
        assertThat(status.reason()).startsWith("only 1 fresh source(s), 2 needed")
                .contains("b: stale (published 3601 s ago", "c: invalid (round 5 answered 0");
        assertThat(source(status, "a").status()).isEqualTo(Status.FRESH);
    }

    @Test
    void aPriceNotFetchedAgainRecentlyIsStaleEvenWithinItsHeartbeat() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "3000"),
                priced("b", "3000", "0", NOW.minusSeconds(10), NOW.minusSeconds(6))), NOW);

        assertThat(source(status, "b").status()).isEqualTo(Status.STALE);
        assertThat(source(status, "b").reason()).contains("the source stopped answering");
    }

    @Test
    void aPricePublishedWellAheadOfTheClockIsStaleNotFreshForever() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "3000"), fresh("b", "3000"),
                priced("c", "3000", "0", NOW.plusSeconds(61), NOW), priced("d", "3000", "0", Instant.MAX, NOW)), NOW);

        assertThat(source(status, "c").status()).isEqualTo(Status.STALE);
        assertThat(source(status, "c").reason()).contains("more than 60 s ahead of this server's clock");
        assertThat(source(status, "d").status()).isEqualTo(Status.STALE);
        assertThat(available(status).publishedAt()).isBeforeOrEqualTo(NOW);
    }

    @Test
    void aPricePublishedSlightlyAheadOfTheClockIsFresh() {
        PairStatus status = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "3000"),
                priced("b", "3000", "0", NOW.plusSeconds(60), NOW)), NOW);

        assertThat(source(status, "b").status()).isEqualTo(Status.USED);
    }

    @Test
    void theConfidenceHoldsEveryUsedSourcesInterval() {
        PriceQuote quote = available(twoWithinOnePercent.direct(ETH_USD, List.of(
                priced("a", "3000", "0", NOW, NOW), priced("b", "3004", "1.5", NOW, NOW), priced("c", "3001", "2", NOW, NOW)), NOW));

        // median 3001; b: |3004 − 3001| + 1.5 = 4.5; c: 0 + 2; a: 1 + 0.
        assertThat(quote.price()).isEqualByComparingTo("3001");
        assertThat(quote.confidence()).isEqualByComparingTo("4.5");
        assertThat(quote.publishedAt()).isEqualTo(NOW);
    }

    @Test
    void aSimulatedSourceLabelsThePrice() {
        PriceQuote quote = available(twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "3000"),
                new Reading.Priced("simulated-market@31337", ETH_USD, new BigDecimal("3000"), BigDecimal.ZERO, NOW,
                        HEARTBEAT, NOW, true)), NOW));

        assertThat(quote.simulated()).isTrue();
    }

    @Test
    void aCrossPairDividesItsLegsAndAddsTheirRelativeConfidences() {
        CrossRoute route = CrossRoute.of(Pair.parse("USDC-ETH"), List.of(ETH_USD, USDC_USD));
        PairStatus eth = twoWithinOnePercent.direct(ETH_USD,
                List.of(priced("a", "2000", "2", NOW, NOW), priced("b", "2000", "0", NOW, NOW)), NOW);
        PairStatus usdc = twoWithinOnePercent.direct(USDC_USD,
                List.of(priced("a", "1", "0.001", NOW, NOW), priced("b", "1", "0", NOW, NOW)), NOW);

        PriceQuote cross = available(Aggregation.cross(route, route.first().equals(USDC_USD) ? usdc : eth,
                route.first().equals(USDC_USD) ? eth : usdc, NOW));

        assertThat(cross.price()).isEqualByComparingTo("0.0005");
        // 2 / 2000 + 0.001 / 1 = 0.002 relative; × 0.0005.
        assertThat(cross.confidence()).isEqualByComparingTo("0.000001");
        assertThat(cross.derivedFrom()).containsExactlyInAnyOrder(ETH_USD, USDC_USD);
    }

    @Test
    void aCrossPairIsUnavailableWhenALegIs() {
        CrossRoute route = CrossRoute.of(Pair.parse("ETH-USDC"), List.of(ETH_USD, USDC_USD));
        PairStatus eth = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "2000"), fresh("b", "2000")), NOW);
        PairStatus usdc = twoWithinOnePercent.direct(USDC_USD, List.of(fresh("a", "1")), NOW);

        PairStatus cross = Aggregation.cross(route, eth, usdc, NOW);

        assertThat(cross.available()).isFalse();
        assertThat(cross.reason()).startsWith("derived from USDC-USD, which is unavailable: only 1 fresh source(s)");
    }

    @Test
    void crossRoutesUseEachLegAsConfiguredOrInverted() {
        CrossRoute usdcEth = CrossRoute.of(Pair.parse("USDC-ETH"), List.of(ETH_USD, USDC_USD));
        assertThat(usdcEth.first()).isEqualTo(USDC_USD);
        assertThat(usdcEth.firstInverted()).isFalse();
        assertThat(usdcEth.second()).isEqualTo(ETH_USD);
        assertThat(usdcEth.secondInverted()).isTrue();

        CrossRoute ethUsdc = CrossRoute.of(Pair.parse("ETH-USDC"), List.of(ETH_USD, USDC_USD));
        PairStatus eth = twoWithinOnePercent.direct(ETH_USD, List.of(fresh("a", "2000"), fresh("b", "2000")), NOW);
        PairStatus usdc = twoWithinOnePercent.direct(USDC_USD, List.of(fresh("a", "0.8"), fresh("b", "0.8")), NOW);
        assertThat(available(Aggregation.cross(ethUsdc, eth, usdc, NOW)).price()).isEqualByComparingTo("2500");
    }

    @Test
    void pricesStayExactDecimals() {
        PriceQuote quote = available(twoWithinOnePercent.direct(USDC_USD,
                List.of(fresh("a", "0.999999999999999999"), fresh("b", "1.000000000000000001")), NOW));

        assertThat(quote.price()).isEqualByComparingTo("1");
        assertThat(quote.confidence()).isEqualByComparingTo("0.000000000000000001");
    }

    private static Reading.Priced fresh(String source, String price) {
        return priced(source, price, "0", NOW.minusSeconds(1), NOW);
    }

    private static Reading.Priced priced(String source, String price, String confidence, Instant publishedAt,
                                         Instant fetchedAt) {
        return new Reading.Priced(source, ETH_USD, new BigDecimal(price), new BigDecimal(confidence), publishedAt,
                HEARTBEAT, fetchedAt, false);
    }

    private static PriceQuote available(PairStatus status) {
        assertThat(status.quote()).as(status.reason()).isPresent();
        return status.quote().orElseThrow();
    }

    private static SourcePrice source(PairStatus status, String name) {
        return status.sources().stream().filter(source -> source.source().equals(name)).findFirst().orElseThrow();
    }
}
