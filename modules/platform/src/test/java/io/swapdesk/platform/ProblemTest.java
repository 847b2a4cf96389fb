package io.swapdesk.platform;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemTest {

    @Test
    void ofTakesTypeTitleStatusAndCodeFromTheErrorCode() {
        Problem problem = Problem.of(PlatformError.INVALID_AMOUNT, "amount must not be empty");
        assertThat(problem.type()).isEqualTo(URI.create("urn:swapdesk:problem:invalid-amount"));
        assertThat(problem.title()).isEqualTo("Invalid amount");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("amount must not be empty");
        assertThat(problem.instance()).isNull();
        assertThat(problem.code()).isEqualTo("INVALID_AMOUNT");
        assertThat(problem.properties()).isEmpty();
    }

    @Test
    void fromCarriesTheExceptionsDetailAndProperties() {
        DomainException failure =
                new DomainException(PlatformError.INVALID_ADDRESS, "checksum does not match", Map.of("field", "to"));
        Problem problem = Problem.from(failure);
        assertThat(problem.code()).isEqualTo("INVALID_ADDRESS");
        assertThat(problem.detail()).isEqualTo("checksum does not match");
        assertThat(problem.properties()).containsExactly(Map.entry("field", "to"));
    }

    @Test
    void withInstanceSetsOnlyTheInstance() {
        Problem problem = Problem.of(PlatformError.NOT_FOUND, "no such quote");
        Problem located = problem.withInstance("/api/quotes/42");
        assertThat(located.instance()).isEqualTo("/api/quotes/42");
        assertThat(located).usingRecursiveComparison().ignoringFields("instance").isEqualTo(problem);
    }

    @Test
    void withStatusSetsOnlyTheStatus() {
        Problem problem = Problem.from(new DomainException(PlatformError.INVALID_REQUEST, "precondition failed",
                Map.of("field", "If-Match"))).withInstance("/api/quotes/42");
        Problem sent = problem.withStatus(412);
        assertThat(sent.status()).isEqualTo(412);
        assertThat(sent).usingRecursiveComparison().ignoringFields("status").isEqualTo(problem);
    }

    @Test
    void withStatusRefusesANonHttpStatus() {
        Problem problem = Problem.of(PlatformError.INTERNAL_ERROR, "broken");
        assertThatIllegalArgumentException().isThrownBy(() -> problem.withStatus(600));
    }

    @Test
    void accessorsAreNamedAsTheRfcMembersPlusCode() {
        assertThat(Arrays.stream(Problem.class.getRecordComponents()).map(RecordComponent::getName))
                .startsWith("type", "title", "status", "detail", "instance", "code");
    }

    @Test
    void toJsonMapPutsMembersInRfcOrderThenExtensions() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("field", "amount");
        properties.put("maxDecimals", 6);
        Problem problem = Problem.from(new DomainException(PlatformError.INVALID_AMOUNT, "too precise", properties))
                .withInstance("/api/quotes");
        Map<String, Object> json = problem.toJsonMap();
        assertThat(json).containsExactly(
                Map.entry("type", "urn:swapdesk:problem:invalid-amount"),
                Map.entry("title", "Invalid amount"),
                Map.entry("status", 400),
                Map.entry("detail", "too precise"),
                Map.entry("instance", "/api/quotes"),
                Map.entry("code", "INVALID_AMOUNT"),
                Map.entry("field", "amount"),
                Map.entry("maxDecimals", 6));
    }

    @Test
    void toJsonMapOmitsAnAbsentInstance() {
        Map<String, Object> json = Problem.of(PlatformError.CONFLICT, "already committed").toJsonMap();
        assertThat(json.keySet()).containsExactly("type", "title", "status", "detail", "code");
    }

    @Test
    void toJsonMapGivesTypeAsAString() {
        assertThat(Problem.of(PlatformError.CONFLICT, "d").toJsonMap().get("type")).isInstanceOf(String.class);
    }

    @Test
    void extensionPropertiesCannotOverrideStandardMembers() {
        Map<String, Object> hostile = new LinkedHashMap<>();
        hostile.put("type", "about:blank");
        hostile.put("title", "OK");
        hostile.put("status", 200);
        hostile.put("detail", "all good");
        hostile.put("instance", "/elsewhere");
        hostile.put("code", "NONE");
        hostile.put("field", "amount");
        Problem problem = Problem.from(new DomainException(PlatformError.INVALID_AMOUNT, "bad amount", hostile));

        Map<String, Object> json = problem.toJsonMap();

        assertThat(json).containsExactly(
                Map.entry("type", "urn:swapdesk:problem:invalid-amount"),
                Map.entry("title", "Invalid amount"),
                Map.entry("status", 400),
                Map.entry("detail", "bad amount"),
                Map.entry("code", "INVALID_AMOUNT"),
                Map.entry("field", "amount"));
    }

    @Test
    void toJsonMapIsUnmodifiable() {
        Map<String, Object> json = Problem.of(PlatformError.CONFLICT, "d").toJsonMap();
        assertThatThrownBy(() -> json.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void statusMustBeAnHttpStatus() {
        URI type = PlatformError.CONFLICT.type();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Problem(type, "t", 99, "d", null, "C", Map.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Problem(type, "t", 600, "d", null, "C", Map.of()));
    }

    @Test
    void nullPropertiesMeanNone() {
        Problem problem = new Problem(PlatformError.CONFLICT.type(), "Conflict", 409, "d", null, "CONFLICT", null);
        assertThat(problem.properties()).isEmpty();
    }

    @Test
    void mediaTypeIsProblemJson() {
        assertThat(Problem.MEDIA_TYPE).isEqualTo("application/problem+json");
    }
}
