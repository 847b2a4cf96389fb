package io.swapdesk.webapp.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure nobody named is a bug: it is logged in full under an error id, and the client gets that id and
 * nothing of the internals.
 */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Inject
    ProblemJson problems;

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        return problemFor(exception, ProblemJson.instanceOf(uriInfo));
    }

    private Response problemFor(Throwable exception, String path) {
        UUID errorId = Ids.newId();
        LOG.log(Level.SEVERE, "Unexpected failure " + errorId + " on " + Clip.of(path), exception);
        DomainException failure = new DomainException(PlatformError.INTERNAL_ERROR,
                "An unexpected error occurred. It has been logged under error id " + errorId
                        + "; give that id when you report the problem.",
                Map.of("errorId", errorId.toString()));
        return problems.response(Problem.from(failure).withInstance(Clip.of(path)));
    }
}
