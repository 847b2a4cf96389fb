package io.swapdesk.webapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.platform.PlatformError;
import io.swapdesk.platform.Problem;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusProblemsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "401, UNAUTHORIZED",
            "403, FORBIDDEN",
            "404, NOT_FOUND",
            "405, METHOD_NOT_ALLOWED",
            "406, NOT_ACCEPTABLE",
            "409, CONFLICT",
            "413, PAYLOAD_TOO_LARGE",
            "415, UNSUPPORTED_MEDIA_TYPE",
            "422, UNPROCESSABLE",
            "429, TOO_MANY_REQUESTS",
            "500, INTERNAL_ERROR",
            "502, BAD_GATEWAY",
            "503, SERVICE_UNAVAILABLE"})
    void aStatusWithACodeOfItsOwnGetsThatCode(int status, PlatformError code) {
        assertThat(StatusProblems.codeFor(status, null)).isEqualTo(code);
        assertThat(code.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "402, INVALID_REQUEST",
            "412, INVALID_REQUEST",
            "414, INVALID_REQUEST",
            "431, INVALID_REQUEST",
            "501, INTERNAL_ERROR",
            "504, INTERNAL_ERROR"})
    void aStatusWithoutACodeOfItsOwnKeepsItsStatusUnderTheNearestGeneralCode(int status, PlatformError code) {
        Problem problem = StatusProblems.refusal(status, null, "refused");

        assertThat(problem.code()).isEqualTo(code.code());
        assertThat(problem.status()).isEqualTo(status);
    }

    @Test
    void aBadRequestIsAnInvalidRequestUnlessJsonFailed() {
        assertThat(StatusProblems.codeFor(400, null)).isEqualTo(PlatformError.INVALID_REQUEST);
        assertThat(StatusProblems.codeFor(400, new IllegalArgumentException("bad header", new NumberFormatException("abc"))))
                .isEqualTo(PlatformError.INVALID_REQUEST);
    }

    @Test
    void aBadRequestIsMalformedJsonWhenParsingOrBindingJsonFailedAnywhereInTheCauseChain() {
        // JAX-RS's own exceptions need a running implementation; the chain is what matters here.
        Throwable bindingFailed = new IllegalArgumentException("unreadable body",
                new ProcessingException(new JsonbException("unexpected token")));
        Throwable parsingFailed = new IllegalArgumentException("unreadable body", new JsonException("unexpected end"));

        assertThat(StatusProblems.codeFor(400, bindingFailed)).isEqualTo(PlatformError.MALFORMED_JSON);
        assertThat(StatusProblems.codeFor(400, parsingFailed)).isEqualTo(PlatformError.MALFORMED_JSON);
    }

    @Test
    void aJsonFailureDoesNotTurnAnotherStatusIntoMalformedJson() {
        assertThat(StatusProblems.codeFor(415, new JsonbException("no reader")))
                .isEqualTo(PlatformError.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aCyclicCauseChainEnds() {
        Throwable first = new IllegalStateException("first");
        Throwable second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(StatusProblems.involvesJson(first)).isFalse();
    }

    @Test
    void everyRefusalDetailIsASentenceWithoutInternals() {
        for (int status = 400; status < 500; status++) {
            assertThat(StatusProblems.refusalDetail(status)).as("HTTP %d", status)
                    .isNotBlank().endsWith(".").doesNotContain("Exception", "io.swapdesk");
        }
    }
}
