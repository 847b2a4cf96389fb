package io.swapdesk.webapp.internal;

import io.swapdesk.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet container's error page (web.xml): what is refused before JAX-RS sees it, such as a path outside
 * {@code /api}, also leaves as problem+json.
 */
@WebServlet(urlPatterns = "/problem")
public class ProblemServlet extends HttpServlet {

    @Inject
    ProblemJson problems;

    private static final Logger LOG = Logger.getLogger(ProblemServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : HttpServletResponse.SC_NOT_FOUND;
        String path = Clip.of(String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
        if (status >= 500) {
            // The container also sets an exception for plain 404s (file not found); only a 5xx is a failure.
            Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            LOG.log(Level.SEVERE, "Unexpected failure on " + path, failure);
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        Problem problem = Problem.of(ProblemJson.codeFor(status), detailFor(status, path, request)).withInstance(path);
        response.setStatus(status);
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problems.body(problem));
    }


    private static String detailFor(int status, String path, HttpServletRequest request) {
        return switch (status) {
            case 404 -> "There is no resource at " + path + ". The API lives under /api and is described at /openapi.";
            case 405 -> Clip.of(request.getMethod()) + " is not supported on " + path + ".";
            case 413 -> "The request body is too large.";
            case 500 -> "An unexpected error occurred; it has been logged.";
            default -> "The request was refused (HTTP " + status + ").";
        };
    }
}
