package io.swapdesk.it;

import static io.swapdesk.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The server as an operator and a careless client see it: health, metrics, OpenAPI, and refusals as problem+json. */
class ServerSurfaceIT {

    @Test
    void readinessReportsTheDatabaseAndEveryChain() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/health/ready"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject health = Http.json(response);
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(response.body()).contains("\"database\"", "\"chains\"", "schemaVersion");
        for (Long chainId : TestEnvironment.chains().keySet()) {
            assertThat(response.body()).contains(chainId + ".head", chainId + ".lagSeconds");
        }
    }

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/health/live"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreServedInPrometheusFormat() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/metrics"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("# TYPE");
    }

    @Test
    void metricsKeepThePoolsAndDropThePerRequestTimers() throws Exception {
        String metrics = Http.get(TestEnvironment.uri("/metrics")).body();

        assertThat(metrics).contains("threadpool_", "connectionpool_", "memory_");
        assertThat(metrics).doesNotContain("http_server_request", "REST_request");
    }

    @Test
    void openApiDocumentAndItsBrowsableUiAreServed() throws Exception {
        HttpResponse<String> document = Http.get(TestEnvironment.uri("/openapi"));
        HttpResponse<String> ui = Http.get(TestEnvironment.uri("/openapi/ui/"));

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("openapi:", "SwapDesk API");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("<html");
    }

    @Test
    void anUnknownPublicApiRouteIsAProblemNotFound() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/api/auth/no-such-thing"));

        JsonObject problem = assertProblem(response, 404, "NOT_FOUND");
        assertThat(problem.getString("instance")).isEqualTo("/api/auth/no-such-thing");
    }

    @Test
    void refusalsAreCountedInMetricsByCode() throws Exception {
        Http.get(TestEnvironment.uri("/api/auth/counted-not-found"));

        String metrics = Http.get(TestEnvironment.uri("/metrics?scope=application")).body();

        assertThat(metrics.lines())
                .anySatisfy(line -> assertThat(line).startsWith("swapdesk_problems_total{")
                        .contains("code=\"NOT_FOUND\"", "status=\"404\""));
    }

    @Test
    void anUnknownPathOutsideTheApiIsAProblemNotFoundToo() throws Exception {
        assertProblem(Http.get(TestEnvironment.uri("/no/such/page")), 404, "NOT_FOUND");
    }

    @Test
    void aHugePathIsNotEchoedBack() throws Exception {
        String path = "/api/" + "a".repeat(4000);

        HttpResponse<String> response = Http.get(TestEnvironment.uri(path));

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body().length()).isLessThan(1000);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String body = "{\"x\":\"" + "a".repeat(200_000) + "\"}";

        HttpResponse<String> response = Http.post(TestEnvironment.uri("/api/auth/no-such-thing"), "application/json", body);

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
        // ofInputStream has no length, so the client sends Transfer-Encoding: chunked.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> bytes(200_000));

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(TestEnvironment.uri("/api/auth/no-such-thing"))
                .header("Content-Type", "application/json")
                .POST(chunked));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOfUnknownLengthOverTheLimitIsRefusedWhateverItsTransferCoding() throws Exception {
        HttpResponse<String> response = Http.send(postOfUnknownLength(200_000));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOfUnknownLengthUnderTheLimitStillReachesTheResource() throws Exception {
        HttpResponse<String> response = Http.send(postOfUnknownLength(1_000));

        assertProblem(response, 404, "NOT_FOUND");
    }

    @Test
    void aCompressedBodyThatInflatesPastTheLimitIsRefused() throws Exception {
        // The server inflates a gzip-coded body as it is read: 200 KB of JSON arrive as a few hundred bytes.
        byte[] compressed = Http.gzip("{\"x\":\"" + "a".repeat(200_000) + "\"}");

        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(TestEnvironment.uri("/api/auth/no-such-thing"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed)));

        assertThat(compressed.length).isLessThan(1_000);
        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    /** A body without a length, framed chunked, whose Transfer-Encoding names more than just "chunked". */
    private static HttpRequest.Builder postOfUnknownLength(int size) {
        return HttpRequest.newBuilder(TestEnvironment.uri("/api/auth/no-such-thing"))
                .header("Content-Type", "application/json")
                .header("Transfer-Encoding", "gzip, chunked")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> bytes(size)));
    }

    private static InputStream bytes(int count) {
        return new InputStream() {
            private int remaining = count;

            @Override
            public int read() {
                return remaining-- > 0 ? 'a' : -1;
            }
        };
    }
}
