package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** What every error leaving the server must look like: RFC 9457 problem+json, stable type and code, no internals. */
public final class Problems {

    private Problems() {
    }

    public static JsonObject assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getString("type"))
                .isEqualTo("urn:swapdesk:problem:" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "io.swapdesk.", "org.hibernate");
        return problem;
    }
}
