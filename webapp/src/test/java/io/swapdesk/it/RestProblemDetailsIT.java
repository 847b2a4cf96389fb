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

/** Bad input to a JSON resource always ends in a 4xx problem+json that says what to fix; a bug in a 500 that says nothing of internals. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestProblemDetailsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWith(ProbeResource.class, ProbeResource.Payment.class);
    }

    @ArquillianResource
    URL base;

    /** Everything under /api but sign-in and market data needs a token: the probe is called as a signed-in trader. */
    private static SignInClient.Session trader;

    @BeforeAll
    static void signIn() throws Exception {
        trader = SignInClient.newTrader();
    }

    @Test
    void wellFormedInputIsAccepted() throws Exception {
        HttpResponse<String> response = post("{\"amount\":\"1.5\",\"decimals\":6}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).getString("units")).isEqualTo("1500000");
    }

    @Test
    void aCompressedBodyWithinTheLimitIsInflatedAndAccepted() throws Exception {
        HttpResponse<String> response = Http.send(Http.authorized(probe(""), trader.token())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        Http.gzip("{\"amount\":\"1.5\",\"decimals\":6}"))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).getString("units")).isEqualTo("1500000");
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        assertProblem(post("{\"amount\":"), 400, "MALFORMED_JSON");
    }

    @Test
    void jsonOfTheWrongShapeIsABadRequest() throws Exception {
        assertProblem(post("[1,2,3]"), 400, "MALFORMED_JSON");
        assertProblem(post("{\"amount\":\"1\",\"decimals\":\"many\"}"), 400, "MALFORMED_JSON");
    }

    @Test
    void anInvalidAmountNamesWhatToFix() throws Exception {
        String detail = assertProblem(post("{\"amount\":\"-0\",\"decimals\":6}"), 400, "INVALID_AMOUNT")
                .getString("detail");

        assertThat(detail).isNotBlank();
    }

    @Test
    void aHostileAmountIsRefusedWithoutEchoingIt() throws Exception {
        String hostile = "9".repeat(50_000);

        HttpResponse<String> response = post("{\"amount\":\"" + hostile + "\",\"decimals\":6}");

        assertProblem(response, 400, "INVALID_AMOUNT");
        assertThat(response.body().length()).isLessThan(1000);
    }

    @Test
    void theWrongContentTypeIsUnsupported() throws Exception {
        HttpResponse<String> response = Http.post(probe(""), "text/plain", "amount=1", trader.token());

        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theWrongMethodIsNotAllowed() throws Exception {
        HttpResponse<String> response = Http.get(probe(""), trader.token());

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).get().asString().contains("POST");
    }

    @Test
    void aHostileMethodIsNotEchoedWhole() throws Exception {
        String hostile = "X".repeat(5_000);

        HttpResponse<String> response = Http.send(Http.authorized(probe(""), trader.token())
                .method(hostile, HttpRequest.BodyPublishers.noBody()));

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.body().length()).isLessThan(1000);
    }

    @Test
    void anUnacceptableResponseTypeIsNotAcceptable() throws Exception {
        HttpResponse<String> response = Http.send(Http.authorized(probe(""), trader.token())
                .header("Content-Type", "application/json")
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1\",\"decimals\":6}")));

        assertProblem(response, 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aBugIsAnOpaqueInternalErrorWithAnErrorId() throws Exception {
        HttpResponse<String> response = Http.post(probe("/bug"), "application/json", "{}", trader.token());

        assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(Http.json(response).getString("errorId")).isNotBlank();
        assertThat(response.body()).doesNotContain("secret", "IllegalState");
    }

    @Test
    void theErrorIdIsOfferedForReportingNotForQuoting() throws Exception {
        // "Quote" means a price quote here: the detail must not ask the client to quote anything.
        JsonObject problem = Http.json(Http.post(probe("/bug"), "application/json", "{}", trader.token()));

        assertThat(problem.getString("detail"))
                .contains("error id " + problem.getString("errorId"))
                .doesNotContainIgnoringCase("quote");
    }

    private HttpResponse<String> post(String json) throws Exception {
        return Http.post(probe(""), "application/json", json, trader.token());
    }

    private URI probe(String suffix) throws Exception {
        return base.toURI().resolve("api/probe" + suffix);
    }
}
