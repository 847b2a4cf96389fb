package io.swapdesk.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A test-only servlet, deployed only in the in-container test archive, that refuses requests the way the servlet
 * container does: {@code /refusing-servlet/503} answers {@code sendError(503)} with a Retry-After header, and
 * {@code /refusing-servlet/bug} fails outside JAX-RS.
 */
@WebServlet(urlPatterns = "/refusing-servlet/*")
public class RefusingServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String what = String.valueOf(request.getPathInfo()).substring(1);
        if (what.equals("bug")) {
            throw new IllegalStateException("internal detail io.swapdesk.secret must not leak");
        }
        response.setHeader("Retry-After", "5");
        response.sendError(Integer.parseInt(what));
    }
}
