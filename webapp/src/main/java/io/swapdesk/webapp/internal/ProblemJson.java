package io.swapdesk.webapp.internal;

import io.swapdesk.platform.ErrorCode;
import io.swapdesk.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Writes RFC 9457 problem details and counts them; the one place the server's error bodies are produced. */
@ApplicationScoped
class ProblemJson {

    static final String MEDIA_TYPE = "application/problem+json";

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    ProblemCounter counter;

    /** Renders and counts: call once per response. */
    String body(Problem problem) {
        counter.count(problem);
        return JSONB.toJson(problem.toJsonMap());
    }

    Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(body(problem)).build();
    }

    /** The request path as the problem's {@code instance}, clipped: a hostile path is not echoed whole. */
    static String instanceOf(UriInfo uriInfo) {
        return Clip.of(uriInfo.getRequestUri().getRawPath());
    }

    Response response(ErrorCode code, String detail, String instance) {
        return response(Problem.of(code, detail).withInstance(Clip.of(instance)));
    }
}
