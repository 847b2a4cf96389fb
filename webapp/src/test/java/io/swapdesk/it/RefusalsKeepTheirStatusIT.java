package io.swapdesk.it;

import static io.swapdesk.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A refusal leaves with the status and headers it was made with, as problem+json: whether JAX-RS code throws it or
 * the servlet container sends it, and whether or not the platform has a code of its own for that status.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefusalsKeepTheirStatusIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWith(RefusingResource.class, RefusingServlet.class);
    }

    @ArquillianResource
    URL base;

    /** Everything under /api but sign-in and market data needs a token: the resource is called as a signed-in trader. */
    private static SignInClient.Session trader;

    @BeforeAll
    static void signIn() throws Exception {
        trader = SignInClient.newTrader();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "unauthorized,        401, UNAUTHORIZED",
            "forbidden,           403, FORBIDDEN",
            "conflict,            409, CONFLICT",
            "precondition-failed, 412, INVALID_REQUEST",
            "rate-limited,        429, TOO_MANY_REQUESTS",
            "bad-request,         400, INVALID_REQUEST"})
    void aJaxRsRefusalKeepsItsStatus(String refusal, int status, String code) throws Exception {
        assertProblem(get("api/refusing/" + refusal), status, code);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "bad-gateway,     502, BAD_GATEWAY",
            "unavailable,     503, SERVICE_UNAVAILABLE",
            "gateway-timeout, 504, INTERNAL_ERROR"})
    void aJaxRsServerErrorKeepsItsStatusAndCarriesAnErrorId(String refusal, int status, String code)
            throws Exception {
        HttpResponse<String> response = get("api/refusing/" + refusal);

        JsonObject problem = assertProblem(response, status, code);
        assertThat(problem.getString("errorId")).isNotBlank();
        assertThat(problem.getString("detail")).contains(problem.getString("errorId"));
    }

    @Test
    void anUnauthorizedRefusalKeepsItsChallenge() throws Exception {
        HttpResponse<String> response = get("api/refusing/unauthorized");

        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(RefusingResource.CHALLENGE);
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() throws Exception {
        HttpResponse<String> response = get("api/refusing/rate-limited");

        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void anUnavailableServiceKeepsItsRetryAfter() throws Exception {
        HttpResponse<String> response = get("api/refusing/unavailable");

        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void aRedirectIsNotTurnedIntoAProblem() throws Exception {
        HttpResponse<String> response = get("api/refusing/moved");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/api/elsewhere");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsAProblemThatNamesTheParameters() throws Exception {
        // JAX-RS answers a query parameter it cannot convert with 404.
        JsonObject problem = assertProblem(get("api/refusing/count?n=abc"), 404, "NOT_FOUND");

        assertThat(problem.getString("detail")).contains("parameter");
    }

    @Test
    void aHeaderParameterOfTheWrongTypeIsAnInvalidRequestNotMalformedJson() throws Exception {
        HttpResponse<String> response = Http.send(Http.authorized(uri("api/refusing/header-count"), trader.token())
                .header("X-Count", "abc")
                .GET());

        assertProblem(response, 400, "INVALID_REQUEST");
    }

    @ParameterizedTest(name = "sendError({0}) -> {1}")
    @CsvSource({
            "401, UNAUTHORIZED",
            "403, FORBIDDEN",
            "414, INVALID_REQUEST",
            "431, INVALID_REQUEST",
            "503, SERVICE_UNAVAILABLE"})
    void aContainerErrorIsAProblemWithItsStatusAndHeaders(int status, String code) throws Exception {
        HttpResponse<String> response = get("refusing-servlet/" + status);

        assertProblem(response, status, code);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void aContainerServerErrorCarriesAnErrorId() throws Exception {
        JsonObject problem = assertProblem(get("refusing-servlet/503"), 503, "SERVICE_UNAVAILABLE");

        assertThat(problem.getString("errorId")).isNotBlank();
    }

    @Test
    void aFailureOutsideJaxRsIsAnOpaqueInternalError() throws Exception {
        HttpResponse<String> response = get("refusing-servlet/bug");

        JsonObject problem = assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(problem.getString("errorId")).isNotBlank();
        assertThat(response.body()).doesNotContain("secret", "IllegalState");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return Http.get(uri(path), trader.token());
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }
}
