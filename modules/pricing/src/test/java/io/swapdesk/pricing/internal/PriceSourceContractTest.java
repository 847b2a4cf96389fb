package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.SourcePrice.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@link PriceSource} contract, run against every implementation (ChainlinkSourceTest,
 * PythSourceTest). Each subclass configures its source for {@link #ETH_USD} and {@link #USDC_USD} and
 * controls what its backend answers; every fetch is checked against the invariants below.
 */
abstract class PriceSourceContractTest {

    static final Pair ETH_USD = Pair.parse("ETH-USD");
    static final Pair USDC_USD = Pair.parse("USDC-USD");

    /** The source under test, configured for ETH-USD and USDC-USD. */
    abstract PriceSource source();

    /** The same kind of source, configured for a backend that cannot be reached. */
    abstract PriceSource unreachableSource();

    /** Makes the backend answer {@code price} for {@code pair}, published at {@code at}. */
    abstract void publish(Pair pair, BigDecimal price, Instant at);

    /** Makes the backend answer a price that must be refused (zero or negative) for {@code pair}. */
    abstract void publishNonPositive(Pair pair);

    @Test
    void answersOneReadingPerConfiguredPair() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now());
        publish(USDC_USD, new BigDecimal("1.0001"), Instant.now());

        List<Reading> readings = fetch(source());

        assertThat(readings).extracting(Reading::pair).containsExactlyInAnyOrder(ETH_USD, USDC_USD);
        assertThat(source().pairs()).containsExactlyInAnyOrder(ETH_USD, USDC_USD);
    }

    @Test
    void followsTheBackendsNewestPriceExactly() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now());
        publish(USDC_USD, BigDecimal.ONE, Instant.now());
        fetch(source());

        publish(ETH_USD, new BigDecimal("3012.34567891"), Instant.now());

        assertThat(priced(fetch(source()), ETH_USD).price()).isEqualByComparingTo("3012.34567891");
    }

    @Test
    void aNonPositivePriceIsRefusedWithAReasonWhileOtherPairsStillAnswer() {
        publish(ETH_USD, new BigDecimal("3000"), Instant.now());
        publishNonPositive(USDC_USD);

        List<Reading> readings = fetch(source());

        assertThat(readings).filteredOn(reading -> reading.pair().equals(USDC_USD)).singleElement()
                .isInstanceOfSatisfying(Reading.Rejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(Status.INVALID);
                    assertThat(rejected.reason()).contains("positive");
                });
        assertThat(priced(readings, ETH_USD).price()).isEqualByComparingTo("3000");
    }

    @Test
    void anOldPriceIsReadButStaleAtAggregation() {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        publish(ETH_USD, new BigDecimal("3000"), twoDaysAgo);
        publish(USDC_USD, BigDecimal.ONE, Instant.now());

        Reading.Priced old = priced(fetch(source()), ETH_USD);

        assertThat(old.publishedAt()).isCloseTo(twoDaysAgo, within(Duration.ofSeconds(1)));
        assertThat(old.staleness(Instant.now(), Duration.ofSeconds(5))).hasValueSatisfying(
                reason -> assertThat(reason).contains("published", "s ago"));
    }

    @Test
    void anUnreachableBackendIsUnavailable() {
        assertThatThrownBy(() -> unreachableSource().fetch()).isInstanceOf(SourceUnavailableException.class);
    }

    /** Fetches and checks the invariants every reading of every source keeps. */
    final List<Reading> fetch(PriceSource source) {
        Instant before = Instant.now();
        List<Reading> readings = source.fetch();
        Instant after = Instant.now();
        for (Reading reading : readings) {
            assertThat(source.pairs()).as("a reading's pair is configured").contains(reading.pair());
            assertThat(reading.source()).as("a reading names its source").isNotBlank();
            assertThat(reading.fetchedAt()).as("fetchedAt").isBetween(before.minusMillis(1), after.plusMillis(1));
            switch (reading) {
                case Reading.Priced priced -> {
                    assertThat(priced.price()).as("price").isPositive();
                    assertThat(priced.confidence()).as("confidence").isNotNegative();
                    assertThat(priced.maxAge()).as("maxAge").isPositive();
                    assertThat(priced.publishedAt()).as("publishedAt").isBefore(after.plus(Duration.ofMinutes(1)));
                }
                case Reading.Rejected rejected -> assertThat(rejected.reason()).as("a refusal's reason").isNotBlank();
            }
        }
        assertThat(readings).extracting(Reading::pair).doesNotHaveDuplicates();
        return readings;
    }

    static Reading.Priced priced(List<Reading> readings, Pair pair) {
        return readings.stream().filter(reading -> reading.pair().equals(pair))
                .map(reading -> assertThat(reading).isInstanceOf(Reading.Priced.class).actual())
                .map(Reading.Priced.class::cast).findFirst().orElseThrow();
    }
}
