package io.swapdesk.quotes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Ids;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorReadsBackAsTheIdItWasMadeOf() {
        UUID id = Ids.newId();

        assertThat(Cursor.of(id)).hasSize(22);
        assertThat(Cursor.parse(Cursor.of(id))).isEqualTo(id);
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "abc", Cursor.of(UUID.randomUUID()), "!".repeat(22), "x".repeat(5000),
                Cursor.of(Ids.newId()) + "A"}) {
            assertThatThrownBy(() -> Cursor.parse(bad)).isInstanceOf(DomainException.class)
                    .hasMessageContaining("cursor");
        }
    }
}
