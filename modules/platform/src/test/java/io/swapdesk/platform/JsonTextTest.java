package io.swapdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", " {\"nested\":{\"b\":[1,2,{}]}} ", "{\"s\":\"}{\"}"})
    void oneJsonObjectIsAccepted(String json) {
        assertThat(JsonText.requireObject("payload", json, 100)).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "1", "\"{}\"", "null", "{", "{\"a\":}", "{}{}", "{} []", "{not json}"})
    void anythingElseIsRefused(String json) {
        assertThatThrownBy(() -> JsonText.requireObject("payload", json, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload");
    }

    @Test
    void textOverTheCapIsRefusedBeforeParsing() {
        String huge = "{\"a\":\"" + "x".repeat(10_000_000) + "\"}";

        assertThatThrownBy(() -> JsonText.requireObject("detail", huge, 16 * 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 16384");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> JsonText.requireObject("payload", null, 10)).isInstanceOf(NullPointerException.class);
    }
}
