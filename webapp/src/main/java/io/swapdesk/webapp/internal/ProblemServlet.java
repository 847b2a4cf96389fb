package io.swapdesk.webapp.internal;

import io.swapdesk.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The servlet container's default error page (web.xml): whatever is refused before JAX-RS sees it, such as a path
 * outside {@code /api}, or fails outside it, also leaves as problem+json, with the status the container chose and
 * the headers already set on the response.
 */
@WebServlet(urlPatterns = "/problem")
public class ProblemServlet extends HttpServlet {

    @Inject
    ProblemJson problems;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = statusOf(request);
        String path = Clip.of(Objects.toString(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                request.getRequestURI()));
        // The container also sets an exception for plain 404s (file not found); only a 5xx is a failure.
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Problem problem = status >= 500
                ? ServerFailures.logged(status, failure, path)
                : StatusProblems.refusal(status, failure, detailFor(status, path, request)).withInstance(path);
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED && !response.containsHeader("WWW-Authenticate")) {
            // A container 401 may name no scheme; RFC 9110 wants one on every 401, and ours is Bearer (RFC 6750).
            response.setHeader("WWW-Authenticate", "Bearer realm=\"swapdesk\"");
        }
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problems.body(problem));
    }

    /** Reached without an error (someone asked for /problem itself): there is nothing here. */
    private static int statusOf(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return status instanceof Integer code ? code : HttpServletResponse.SC_NOT_FOUND;
    }

    private static String detailFor(int status, String path, HttpServletRequest request) {
        return switch (status) {
            case 404 -> "There is no resource at " + path + ". The API lives under /api and is described at /openapi.";
            case 405 -> Clip.of(request.getMethod()) + " is not supported on " + path + ".";
            case 401 -> "This route needs a valid token: sign in (POST /api/auth/challenges, then POST /api/auth/sessions) "
                    + "and send 'Authorization: Bearer <token>'. An expired token needs a new sign-in.";
            case 403 -> "Your token is valid but its roles do not allow " + path + ".";
            default -> StatusProblems.refusalDetail(status);
        };
    }
}
