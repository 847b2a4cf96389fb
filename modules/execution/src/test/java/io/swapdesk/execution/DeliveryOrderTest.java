package io.swapdesk.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {

    private static final EvmAddress TOKEN = EvmAddress.parse("0x8464135c8F25Da09e49BC8782676a84730C318bC");
    private static final EvmAddress RECIPIENT = EvmAddress.parse("0x000000000000000000000000000000000000bEEF");

    @Test
    void anOrderDeliversAPositiveUint256ToARealRecipient() {
        assertThat(order(BigInteger.ONE, RECIPIENT).amount()).isEqualTo(BigInteger.ONE);
        assertThat(order(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), RECIPIENT)).isNotNull();
        assertThatThrownBy(() -> order(BigInteger.ZERO, RECIPIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order(BigInteger.TWO.pow(256), RECIPIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order(BigInteger.TEN, EvmAddress.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyDeliveriesWhoseTransactionMayBeOutThereAreInFlight() {
        assertThat(DeliveryStatus.values()).filteredOn(DeliveryStatus::inFlight)
                .containsExactly(DeliveryStatus.SUBMITTING, DeliveryStatus.SUBMITTED, DeliveryStatus.UNCONFIRMED);
    }

    private static DeliveryOrder order(BigInteger amount, EvmAddress recipient) {
        return new DeliveryOrder(Ids.newId(), Ids.newId(), ChainId.of(31338), TOKEN, recipient, amount);
    }
}
