package io.swapdesk.webapp.internal;

import io.swapdesk.platform.PlatformError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body that is not JSON, or not the JSON a resource expects, is the client's mistake: 400, never 500.
 * (Responses are bound from the application's own records, so a binding failure comes from a request body.)
 */
@Provider
@ApplicationScoped
public class JsonBindingExceptionMapper implements ExceptionMapper<JsonbException> {

    @Inject
    ProblemJson problems;

    private static final Pattern POSITION = Pattern.compile("line no=(\\d+), column no=(\\d+)");

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(JsonbException exception) {
        return problems.response(PlatformError.MALFORMED_JSON,
                "The request body is not valid JSON for this resource" + whereItFailed(exception)
                        + ": check the syntax and the field types against the documented schema (see /openapi).",
                ProblemJson.instanceOf(uriInfo));
    }

    /** The parser's position, when it gave one; its message itself may name internal classes, so it stays in. */
    private static String whereItFailed(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            Matcher position = POSITION.matcher(String.valueOf(cause.getMessage()));
            if (position.find()) {
                return " (at line " + position.group(1) + ", column " + position.group(2) + ")";
            }
        }
        return "";
    }
}
