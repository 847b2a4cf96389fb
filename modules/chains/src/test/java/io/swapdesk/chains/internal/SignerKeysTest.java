package io.swapdesk.chains.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import org.junit.jupiter.api.Test;

class SignerKeysTest {

    private static final ChainId CHAIN = ChainId.of(31337);

    @Test
    void keysAreKnownByTheirAddress() {
        var keys = SignerKeys.parse(CHAIN, AnvilExtension.DEV_KEY_0 + ", " + AnvilExtension.DEV_KEY_1 + ",");

        assertThat(keys.keySet()).containsExactly(EvmAddress.parse(AnvilExtension.DEV_ADDRESS_0),
                EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1));
        assertThat(keys.values().iterator().next().toString()).doesNotContain("ac0974");
    }

    @Test
    void anInvalidKeyIsNamedByItsPositionNeverEchoed() {
        String almostAKey = AnvilExtension.DEV_KEY_1.substring(0, 60);

        assertThatThrownBy(() -> SignerKeys.parse(CHAIN, AnvilExtension.DEV_KEY_0 + "," + almostAKey))
                .hasMessageContaining("chains.signers.31337: entry 2")
                .hasMessageNotContaining(almostAKey.substring(2, 20))
                .hasMessageNotContaining(AnvilExtension.DEV_KEY_0.substring(2, 20));
    }
}
