package io.swapdesk.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.risk.LimitKind;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskSettingsTest {

    @Test
    void defaultLimitsAreWholeDollarsKeptAsCents() {
        RiskSettings settings = new RiskSettings(name -> Optional.ofNullable(
                Map.of("risk.limits.user-daily-usd", "1234.5").get(name)));

        assertThat(settings.defaultCents()).containsEntry(LimitKind.USER_DAILY, BigInteger.valueOf(123_450))
                .containsEntry(LimitKind.PER_QUOTE, BigInteger.valueOf(1_000_000))
                .containsEntry(LimitKind.CHAIN_DAILY, BigInteger.valueOf(100_000_000));
    }

    @Test
    void aBadLimitNamesItsProperty() {
        for (String bad : new String[] {"-1", "1.001", "ten"}) {
            assertThatThrownBy(() -> new RiskSettings(name -> Optional.ofNullable(
                    Map.of("risk.limits.chain-daily-usd", bad).get(name))))
                    .hasMessageContaining("risk.limits.chain-daily-usd");
        }
    }
}
