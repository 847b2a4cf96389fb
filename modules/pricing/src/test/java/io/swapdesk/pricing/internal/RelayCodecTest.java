package io.swapdesk.pricing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.Prices.PairStatus;
import io.swapdesk.pricing.SourcePrice;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RelayCodecTest {

    private static final Pair ETH_USD = Pair.parse("ETH-USD");
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00.123456Z");

    @Test
    void aPairStateTravelsWhole() {
        SourcePrice used = new SourcePrice("chainlink@31337", ETH_USD, Optional.of(new BigDecimal("3000.12345678")),
                Optional.of(BigDecimal.ZERO), Optional.of(AT.minusSeconds(3)), SourcePrice.Status.USED, "", false);
        SourcePrice failed = new SourcePrice("pyth", ETH_USD, Optional.empty(), Optional.empty(), Optional.empty(),
                SourcePrice.Status.FAILED, "no answer", false);
        PairStatus status = new PairStatus(ETH_USD, Optional.of(new PriceQuote(ETH_USD, new BigDecimal("3000.12345678"),
                new BigDecimal("0.5"), AT, AT.minusSeconds(3), true, List.of(), List.of(used, failed))), "",
                List.of(used, failed), AT);

        RelayCodec.Message message = RelayCodec.decode(RelayCodec.encode("server-a", status));

        assertThat(message.from()).isEqualTo("server-a");
        assertThat(message.status()).isEqualTo(status);
    }

    @Test
    void anUnavailablePairTravelsWithItsReason() {
        PairStatus status = new PairStatus(ETH_USD, Optional.empty(), "only 1 fresh source(s), 2 needed", List.of(), AT);

        assertThat(RelayCodec.decode(RelayCodec.encode("server-a", status)).status()).isEqualTo(status);
    }

    @Test
    void sourcesAreLeftOutWhenTheyWouldNotFitANotify() {
        List<SourcePrice> many = IntStream.range(0, 100).mapToObj(i -> new SourcePrice("chainlink@" + i, ETH_USD,
                Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.ZERO), Optional.of(AT), SourcePrice.Status.USED,
                "", false)).toList();
        PairStatus status = new PairStatus(ETH_USD, Optional.of(new PriceQuote(ETH_USD, BigDecimal.TEN,
                BigDecimal.ZERO, AT, AT, false, List.of(), many)), "", many, AT);

        String payload = RelayCodec.encode("server-a", status);

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RelayCodec.MAX_PAYLOAD_BYTES);
        assertThat(RelayCodec.decode(payload).status().quote().orElseThrow().price()).isEqualTo(BigDecimal.TEN);
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> RelayCodec.decode("{\"pair\":\"ETH-USD\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayCodec.decode("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
