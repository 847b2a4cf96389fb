package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChainHeadTest {

    private static final String HASH = "0x" + "0f".repeat(32);
    private static final Instant PRODUCED = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void ageIsTheTimeSinceTheBlockWasProduced() {
        ChainHead head = new ChainHead(ChainId.of(1), 100, HASH, PRODUCED);

        assertThat(head.age(PRODUCED.plusSeconds(42))).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aBlockStampedAheadOfOurClockIsBrandNewNotNegative() {
        ChainHead head = new ChainHead(ChainId.of(1), 100, HASH, PRODUCED);

        assertThat(head.age(PRODUCED.minusSeconds(3))).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesANegativeBlockNumberAndAMalformedHash() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainHead(ChainId.of(1), -1, HASH, PRODUCED))
                .withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainHead(ChainId.of(1), 1, "0x1234", PRODUCED))
                .withMessageContaining("0x1234");
    }
}
