package io.swapdesk.platform;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainExceptionTest {

    @Test
    void carriesCodeAndDetail() {
        DomainException failure = new DomainException(PlatformError.NOT_FOUND, "no quote with id 42");
        assertThat(failure.code()).isEqualTo(PlatformError.NOT_FOUND);
        assertThat(failure.detail()).isEqualTo("no quote with id 42");
        assertThat(failure.properties()).isEmpty();
        assertThat(failure).hasMessage("NOT_FOUND: no quote with id 42");
    }

    @Test
    void keepsPropertiesInTheOrderGiven() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("field", "amount");
        properties.put("max", 6);
        properties.put("asset", "USDC");
        DomainException failure = new DomainException(PlatformError.INVALID_AMOUNT, "too precise", properties);
        assertThat(failure.properties()).containsExactly(
                Map.entry("field", "amount"), Map.entry("max", 6), Map.entry("asset", "USDC"));
    }

    @Test
    void propertiesAreACopyAndUnmodifiable() {
        Map<String, Object> properties = new HashMap<>(Map.of("field", "amount"));
        DomainException failure = new DomainException(PlatformError.INVALID_AMOUNT, "bad", properties);
        properties.put("field", "changed");
        assertThat(failure.properties()).containsEntry("field", "amount");
        assertThatThrownBy(() -> failure.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesNullCodeDetailOrProperties() {
        assertThatNullPointerException().isThrownBy(() -> new DomainException(null, "detail"));
        assertThatNullPointerException().isThrownBy(() -> new DomainException(PlatformError.CONFLICT, null));
        assertThatNullPointerException().isThrownBy(() -> new DomainException(PlatformError.CONFLICT, "d", null));
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("field", null);
        assertThatNullPointerException()
                .isThrownBy(() -> new DomainException(PlatformError.CONFLICT, "d", nullValue))
                .withMessageContaining("field");
    }

    @Test
    void isARuntimeExceptionSoItCrossesLayersUnwrapped() {
        assertThat(new DomainException(PlatformError.CONFLICT, "d")).isInstanceOf(RuntimeException.class);
    }
}
