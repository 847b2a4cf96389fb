package io.swapdesk.webapp.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.Problem;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A 5xx is a bug or an outage: the failure is logged in full under a new error id, and the client gets that id
 * and nothing of the internals. The status is kept (a 503 stays a 503, so clients know to retry).
 */
final class ServerFailures {

    private static final Logger LOG = Logger.getLogger(ServerFailures.class.getName());

    private ServerFailures() {
    }

    /** @param failure what went wrong, or null when the container gave no exception */
    static Problem logged(int status, Throwable failure, String path) {
        UUID errorId = Ids.newId();
        LOG.log(Level.SEVERE, "Unexpected failure " + errorId + " (HTTP " + status + ") on " + path, failure);
        String detail = summaryOf(status) + " It has been logged under error id " + errorId
                + "; give that id when you report the problem.";
        DomainException reported = new DomainException(StatusProblems.codeFor(status, failure), detail,
                Map.of("errorId", errorId.toString()));
        return Problem.from(reported).withStatus(status).withInstance(path);
    }

    private static String summaryOf(int status) {
        return switch (status) {
            case 500 -> "An unexpected error occurred.";
            case 502 -> "A service this request depends on gave an invalid answer; retry later.";
            case 503 -> "A service this request depends on is unavailable; retry later.";
            default -> "The server could not complete the request (HTTP " + status + ").";
        };
    }
}
