package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextAssemblerTest {

    private final TextAssembler assembler = new TextAssembler(16);

    @Test
    void aMessageInOneFrameIsPassedOnAsItIs() throws Exception {
        String message = "{\"op\":\"ping\"}";

        assertThat(assembler.add(message, true)).isSameAs(message);
    }

    @Test
    void fragmentsAreJoinedUpToTheLimit() throws Exception {
        assertThat(assembler.add("{\"op\":", false)).isNull();
        assertThat(assembler.add("\"ping\"", false)).isNull();

        assertThat(assembler.add("}", true)).isEqualTo("{\"op\":\"ping\"}");
        assertThat(assembler.add("{}", true)).as("nothing held over").isEqualTo("{}");
    }

    @Test
    void fragmentsPastTheLimitAreRefusedAtOnceAndTheRestOfTheMessageIsDropped() throws Exception {
        assertThat(assembler.add("x".repeat(10), false)).isNull();

        assertThatThrownBy(() -> assembler.add("x".repeat(7), false)).isInstanceOf(TextAssembler.TooBig.class)
                .hasMessage("message too big: more than 16 bytes; send one JSON object per message");
        assertThat(assembler.add("x".repeat(100), false)).isNull();
        assertThat(assembler.add("x", true)).isNull();
        assertThat(assembler.add("{}", true)).as("the next message").isEqualTo("{}");
    }

    @Test
    void theLimitCountsUtf8BytesAsTheContainerCountsAFrame() throws Exception {
        assertThat(assembler.add("€€€€€", false)).isNull(); // 15 bytes

        assertThatThrownBy(() -> assembler.add("é", true)).isInstanceOf(TextAssembler.TooBig.class);
    }

    @Test
    void exactlyTheLimitIsAccepted() throws Exception {
        assertThat(assembler.add("x".repeat(8), false)).isNull();

        assertThat(assembler.add("y".repeat(8), true)).isEqualTo("x".repeat(8) + "y".repeat(8));
    }

    @Test
    void theReasonFitsInACloseFrame() {
        String reason = new TextAssembler.TooBig(StreamProtocol.MAX_TEXT_MESSAGE_BYTES).getMessage();

        assertThat(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }
}
