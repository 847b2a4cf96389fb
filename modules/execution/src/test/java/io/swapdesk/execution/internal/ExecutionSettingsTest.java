package io.swapdesk.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutionSettingsTest {

    @Test
    void aCheckIsLeasedForLongerThanTheRebroadcastWait() {
        ExecutionSettings settings = new ExecutionSettings(true, 2, 1000, 2, 30_000, 120_000, 200_000);

        assertThat(settings.checkLease()).isEqualTo(Duration.ofSeconds(32));
        assertThat(settings.gasLimit()).isEqualTo(BigInteger.valueOf(200_000));
    }

    @Test
    void nonsenseIsRefusedAtStartupNamingTheSetting() {
        assertThatThrownBy(() -> new ExecutionSettings(true, 0, 1000, 2, 30_000, 120_000, 200_000))
                .hasMessageContaining("execution.workers");
        assertThatThrownBy(() -> new ExecutionSettings(true, 2, 1000, 0, 30_000, 120_000, 200_000))
                .hasMessageContaining("execution.confirmations");
        assertThatThrownBy(() -> new ExecutionSettings(true, 2, 1000, 2, 10, 120_000, 200_000))
                .hasMessageContaining("execution.rebroadcast-after-ms");
    }
}
