package io.swapdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxMessageTest {

    @Test
    void aUserEventCarriesItsUser() {
        UUID user = UUID.randomUUID();

        OutboxMessage message = OutboxMessage.forUser("execution.completed", "q-1", user, "{\"txHash\":\"0x01\"}");

        assertThat(message.userId()).contains(user);
    }

    @Test
    void aSystemEventHasNoUser() {
        assertThat(OutboxMessage.system("quote.expired", "q-1", "{}").userId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "completed", "Execution.Completed", "execution.", ".completed", "execution..completed",
            "execution completed", "execution.completed!"})
    void anEventTypeMustBeDottedLowerCase(String eventType) {
        assertThatThrownBy(() -> OutboxMessage.system(eventType, "q-1", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event type");
    }

    @Test
    void aSubjectMustBeShort() {
        assertThatThrownBy(() -> OutboxMessage.system("quote.expired", "q".repeat(201), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxMessage.system("quote.expired", "", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPayloadMustBeOneJsonObject() {
        assertThatThrownBy(() -> OutboxMessage.system("quote.expired", "q-1", "{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload");
        assertThatThrownBy(() -> OutboxMessage.system("quote.expired", "q-1", "{\"a\":\"" + "x".repeat(20_000) + "\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
