package io.swapdesk.webapp.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (no such route, wrong method, wrong content type, unreadable body): the same
 * problem+json as the modules' own errors, with a detail that says what to send instead.
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Inject
    ProblemJson problems;

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        String path = ProblemJson.instanceOf(uriInfo);
        Response problem = problems.response(ProblemJson.codeFor(status), detailFor(status, exception, path), path);
        if (exception instanceof NotAllowedException) {
            return Response.fromResponse(problem)
                    .allow(exception.getResponse().getAllowedMethods())
                    .build();
        }
        return problem;
    }


    private String detailFor(int status, WebApplicationException exception, String path) {
        return switch (status) {
            case 400 -> "The request body could not be read: send well-formed JSON matching the documented schema (see /openapi).";
            case 404 -> "There is no resource at " + Clip.of(path) + ". The API is described at /openapi.";
            case 405 -> request.getMethod() + " is not supported on " + Clip.of(path) + "; use one of "
                    + exception.getResponse().getAllowedMethods() + ".";
            case 406 -> "This resource answers application/json (errors: application/problem+json); adjust the Accept header.";
            case 415 -> "Content-Type " + Clip.of(String.valueOf(headers.getMediaType()))
                    + " is not accepted here; send Content-Type: application/json.";
            default -> "The request was refused (HTTP " + status + ").";
        };
    }
}
