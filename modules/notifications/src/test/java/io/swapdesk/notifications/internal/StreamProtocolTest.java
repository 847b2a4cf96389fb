package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamProtocolTest {

    @Test
    void pingIsAnsweredWithPong() {
        assertThat(json(StreamProtocol.answer("{\"op\":\"ping\"}")).getString("type")).isEqualTo("pong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"ping\"", "{\"op\":", "{}{}", "null"})
    void aFrameThatIsNotOneJsonObjectIsAnError(String frame) {
        JsonObject answer = json(StreamProtocol.answer(frame));
        assertThat(answer.getString("type")).isEqualTo("error");
        assertThat(answer.getString("code")).isIn("MALFORMED_MESSAGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"op\":1}", "{\"op\":null}", "{\"op\":{\"x\":1}}"})
    void aMessageWithoutAStringOpIsAnError(String frame) {
        assertThat(json(StreamProtocol.answer(frame)).getString("code")).isEqualTo("MISSING_OP");
    }

    @Test
    void anUnknownOpIsNamedClippedInTheError() {
        String longOp = "x".repeat(10_000);
        JsonObject answer = json(StreamProtocol.answer("{\"op\":\"" + longOp + "\"}"));
        assertThat(answer.getString("code")).isEqualTo("UNKNOWN_OP");
        assertThat(answer.getString("message")).hasSizeLessThan(200).contains("supported: ping");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
