package io.swapdesk.webapp.internal;

import io.swapdesk.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (no such route, wrong method, wrong content type, unreadable body) and what resources
 * refuse by throwing: the same problem+json as the modules' own errors, with the status and headers (Allow,
 * WWW-Authenticate, Retry-After…) the refusal was made with, and a detail that says what to send instead.
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final String UNREADABLE_BODY =
            "The request body could not be read: send well-formed JSON matching the documented schema (see /openapi).";

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
        Response refused = exception.getResponse();
        if (refused.getStatus() < 400) {
            // A redirect thrown as an exception is not an error: it leaves as it was made.
            return refused;
        }
        Problem problem = problemFor(exception, ProblemJson.instanceOf(uriInfo));
        return withHeadersOf(refused, problems.response(problem));
    }

    private Problem problemFor(WebApplicationException exception, String path) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return ServerFailures.logged(status, exception, path);
        }
        return StatusProblems.refusal(status, exception, detailFor(status, exception, path)).withInstance(path);
    }

    /** The refused response's headers on the problem, except those that described the body the problem replaces. */
    private static Response withHeadersOf(Response refused, Response problem) {
        Response.ResponseBuilder response = Response.fromResponse(problem);
        refused.getHeaders().forEach((name, values) -> {
            if (!describesTheBody(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /** Content-Type and Content-Length, but also Content-Encoding, Content-Language…: all about the old body. */
    private static boolean describesTheBody(String header) {
        return header.regionMatches(true, 0, "Content-", 0, "Content-".length());
    }

    /** @param path already clipped */
    private String detailFor(int status, WebApplicationException exception, String path) {
        return switch (status) {
            case 400 -> StatusProblems.involvesJson(exception) ? UNREADABLE_BODY : StatusProblems.refusalDetail(400);
            case 404 -> exception.getCause() == null
                    ? "There is no resource at " + path + ". The API is described at /openapi."
                    : "A path or query parameter is not valid for " + path + "; check its type at /openapi.";
            case 405 -> Clip.of(request.getMethod()) + " is not supported on " + path + "; use one of "
                    + exception.getResponse().getAllowedMethods() + ".";
            case 406 -> "This resource answers application/json (errors: application/problem+json); adjust the Accept header.";
            case 415 -> "Content-Type " + Clip.of(String.valueOf(headers.getMediaType()))
                    + " is not accepted here; send Content-Type: application/json.";
            default -> StatusProblems.refusalDetail(status);
        };
    }
}
