package io.swapdesk.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEntryTest {

    @Test
    void aCompleteEntryIsAccepted() {
        AuditEntry entry = new AuditEntry("admin:7", "limit.changed", "chain:31337", "{\"from\":\"10\",\"to\":\"20\"}");

        assertThat(entry.subject()).isEqualTo("chain:31337");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void blankPartsAreRefused(String blank) {
        assertThatThrownBy(() -> new AuditEntry(blank, "a", "s", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEntry("a", blank, "s", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEntry("a", "a", blank, "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlongPartsAreRefused() {
        assertThatThrownBy(() -> new AuditEntry("a".repeat(201), "a", "s", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> new AuditEntry("a", "a".repeat(101), "s", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{}{}", "42"})
    void theDetailMustBeOneJsonObject(String detail) {
        assertThatThrownBy(() -> new AuditEntry("a", "a", "s", detail))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail");
    }
}
