package io.swapdesk.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FundingSettingsTest {

    @Test
    void aDepositCountsAfterItsConfirmationsAndABalanceIsReusedForItsMaximumAge() {
        FundingSettings settings = new FundingSettings(3, 1000, 500, 0, 2, 500);

        assertThat(settings.confirmedUpTo(100)).isEqualTo(98);
        assertThat(settings.balanceMaxAge()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void zeroReadsTheBalanceForEveryDeposit() {
        assertThat(new FundingSettings(3, 1000, 500, 0, 2, 0).balanceMaxAge()).isZero();
    }

    @Test
    void nonsenseIsRefusedAtStartupNamingTheSetting() {
        assertThatThrownBy(() -> new FundingSettings(0, 1000, 500, 0, 2, 500))
                .hasMessageContaining("execution.funding.confirmations");
        assertThatThrownBy(() -> new FundingSettings(3, 1000, 500, 0, 17, 500))
                .hasMessageContaining("execution.funding.processors");
        assertThatThrownBy(() -> new FundingSettings(3, 1000, 500, 0, 2, -1))
                .hasMessageContaining("execution.funding.balance-max-age-ms");
        assertThatThrownBy(() -> new FundingSettings(3, 1000, 500, 0, 2, 60_001))
                .hasMessageContaining("execution.funding.balance-max-age-ms");
    }
}
