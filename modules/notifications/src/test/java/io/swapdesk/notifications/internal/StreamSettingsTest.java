package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamSettingsTest {

    @ParameterizedTest(name = "{0} cores: {1}")
    @CsvSource({"1, 1", "2, 1", "3, 1", "4, 2", "16, 8"})
    void theFanOutHasOneThreadPerTwoCoresAndAtLeastOne(int cores, int threads) {
        assertThat(StreamSettings.defaultFanOutThreads(cores)).isEqualTo(threads);
    }

    @Test
    void aConfiguredFanOutThreadCountWins() {
        Map<String, String> configured = Map.of(StreamSettings.FAN_OUT_THREADS, "3");

        assertThat(new StreamSettings(name -> Optional.ofNullable(configured.get(name))).fanOutThreads()).isEqualTo(3);
    }
}
