package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.SourcePrice.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Pyth source against a local server answering in Hermes' format. */
class PythSourceTest extends PriceSourceContractTest {

    static final String ETH_ID = "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace";
    static final String USDC_ID = "eaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a";

    private FakeHermes hermes;
    private PythSource source;

    @BeforeEach
    void startHermes() {
        hermes = new FakeHermes();
        // Generous: only aSlowAnswerTimesOut is about the timeout; the others must not fail on a busy machine.
        source = sourceAt(hermes.url(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopHermes() {
        hermes.close();
    }

    @Override
    PriceSource source() {
        return source;
    }

    @Override
    PriceSource unreachableSource() {
        return sourceAt(URI.create("http://127.0.0.1:9"), Duration.ofMillis(500));
    }

    @Override
    void publish(Pair pair, BigDecimal price, Instant at) {
        BigDecimal scaled = price.setScale(8);
        hermes.publish(id(pair), new FakeHermes.Feed(scaled.unscaledValue().toString(), "1000", -8, at));
    }

    @Override
    void publishNonPositive(Pair pair) {
        hermes.publish(id(pair), new FakeHermes.Feed("-5", "1", -8, Instant.now()));
    }

    @Test
    void readsPriceAndConfidenceWithTheExponent() {
        hermes.publish(ETH_ID, new FakeHermes.Feed("184136023127", "177166324", -8, Instant.ofEpochSecond(1692110601)));
        hermes.publish(USDC_ID, new FakeHermes.Feed("99990000", "10000", -8, Instant.now()));

        Reading.Priced eth = priced(fetch(source), ETH_USD);

        assertThat(eth.price()).isEqualByComparingTo("1841.36023127");
        assertThat(eth.confidence()).isEqualByComparingTo("1.77166324");
        assertThat(eth.publishedAt()).isEqualTo(Instant.ofEpochSecond(1692110601));
        assertThat(eth.source()).isEqualTo("pyth");
        assertThat(hermes.requests()).singleElement().asString()
                .contains("ids%5B%5D=0x" + ETH_ID, "ids%5B%5D=0x" + USDC_ID);
    }

    @Test
    void aStalePriceIsStaleAtAggregation() {
        hermes.publish(ETH_ID, new FakeHermes.Feed("300000000000", "100000", -8, Instant.now().minusSeconds(61)));
        hermes.publish(USDC_ID, new FakeHermes.Feed("100000000", "1000", -8, Instant.now().minusSeconds(30)));

        List<Reading> readings = fetch(source);

        assertThat(priced(readings, ETH_USD).staleness(Instant.now(), Duration.ofSeconds(5)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than the 60 s allowed"));
        assertThat(priced(readings, USDC_USD).staleness(Instant.now(), Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aConfidenceWiderThanAllowedIsRefused() {
        // ±40 on 3000 is 1.33 %, more than the 1 % allowed.
        hermes.publish(ETH_ID, new FakeHermes.Feed("300000000000", "4000000000", -8, Instant.now()));
        hermes.publish(USDC_ID, new FakeHermes.Feed("100000000", "1000000", -8, Instant.now()));

        List<Reading> readings = fetch(source);

        assertThat(rejected(readings, ETH_USD).reason()).contains("1.33 % of the price", "1 % allowed");
        assertThat(priced(readings, USDC_USD).confidence()).isEqualByComparingTo("0.01");
    }

    @Test
    void aFeedMissingFromTheAnswerFailsAlone() {
        hermes.publish(ETH_ID, new FakeHermes.Feed("300000000000", "100000", -8, Instant.now()));

        List<Reading> readings = fetch(source);

        assertThat(rejected(readings, USDC_USD).status()).isEqualTo(Status.FAILED);
        assertThat(priced(readings, ETH_USD).price()).isEqualByComparingTo("3000");
    }

    @Test
    void anAnswerThatIsNotHermesIsUnavailable() {
        for (String body : List.of("not json", "[]", "{\"binary\":{}}", "{\"parsed\":[42]}", "{\"parsed\":[{\"price\":{}}]}")) {
            hermes.answerRaw(body);

            assertThatThrownBy(() -> source.fetch()).as(body).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("unreadable");
        }
    }

    @Test
    void anUnreadableEntryIsRefusedAndTheOthersStillAnswer() {
        long now = Instant.now().getEpochSecond();
        hermes.answerRaw("{\"binary\":{\"encoding\":\"hex\",\"data\":[]},\"parsed\":["
                + "{\"id\":\"" + ETH_ID + "\",\"price\":{\"price\":\"3e5\",\"conf\":\"1\",\"expo\":-2,\"publish_time\":" + now + "}},"
                + "{\"id\":\"0x" + USDC_ID.toUpperCase() + "\",\"price\":{\"price\":\"100000000\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":" + now + "}}]}");

        List<Reading> readings = fetch(source);

        assertThat(rejected(readings, ETH_USD).reason()).contains("unreadable price");
        assertThat(priced(readings, USDC_USD).price()).isEqualByComparingTo("1");
    }

    @Test
    void aSlowAnswerTimesOut() {
        hermes.publish(ETH_ID, new FakeHermes.Feed("300000000000", "100000", -8, Instant.now()));
        hermes.answerAfter(Duration.ofSeconds(2));
        PythSource impatient = sourceAt(hermes.url(), Duration.ofMillis(500));

        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.fetch()).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void anHttpErrorIsUnavailable() {
        for (int status : List.of(500, 503, 429, 404)) {
            hermes.failWith(status);

            assertThatThrownBy(() -> source.fetch()).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("HTTP " + status);
        }
    }

    @Test
    void withoutAUrlItHasNoPairsAndFetchesNothing() {
        PythSource off = new PythSource(Optional.empty(), Map.of(ETH_USD, ETH_ID), new BigDecimal("0.01"),
                Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC());

        assertThat(off.pairs()).isEmpty();
        assertThat(off.fetch()).isEmpty();
    }

    private PythSource sourceAt(URI url, Duration timeout) {
        return new PythSource(Optional.of(url), Map.of(ETH_USD, ETH_ID, USDC_USD, USDC_ID), new BigDecimal("0.01"),
                Duration.ofSeconds(60), Duration.ofSeconds(1), timeout, Clock.systemUTC());
    }

    private static String id(Pair pair) {
        return pair.equals(ETH_USD) ? ETH_ID : USDC_ID;
    }

    private static Reading.Rejected rejected(List<Reading> readings, Pair pair) {
        return readings.stream().filter(reading -> reading.pair().equals(pair)).map(Reading.Rejected.class::cast)
                .findFirst().orElseThrow();
    }
}
