package io.swapdesk.webapp.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Named, expected failures of any module: their code decides the status. A 401 says how to
 * authenticate (WWW-Authenticate: Bearer, RFC 6750) and a 429 when to retry (Retry-After, from the
 * failure's {@value #RETRY_AFTER_SECONDS} property).
 */
@Provider
@ApplicationScoped
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Inject
    ProblemJson problems;

    @Context
    private UriInfo uriInfo;

    static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    @Override
    public Response toResponse(DomainException exception) {
        Response problem = problems.response(Problem.from(exception).withInstance(ProblemJson.instanceOf(uriInfo)));
        int status = exception.code().status();
        if (status == 401) {
            return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"swapdesk\"")
                    .build();
        }
        if (exception.properties().get(RETRY_AFTER_SECONDS) instanceof Number seconds) {
            return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, seconds.longValue()).build();
        }
        return problem;
    }
}
