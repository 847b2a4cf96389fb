package io.swapdesk.webapp.internal;

import io.swapdesk.platform.PlatformError;
import io.swapdesk.platform.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps API request bodies ({@code http.max-request-bytes}) so that a huge body is refused with 413 before anything
 * parses it. A declared length is checked at once; a body whose length is not known until it is read (chunked, or
 * content-coded and inflated by the server) is read up to the cap and refused past it.
 */
@WebFilter(urlPatterns = "/api/*")
public class RequestSizeLimit extends HttpFilter {

    @Inject
    ProblemJson problems;

    @Inject
    @ConfigProperty(name = "http.max-request-bytes", defaultValue = "65536")
    int maxRequestBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            refuse(request, response);
        } else if (declared >= 0 && !isContentCoded(request)) {
            chain.doFilter(request, response);
        } else {
            capUnknownLength(request, response, chain);
        }
    }

    /**
     * A gzip- or deflate-coded body is inflated by the server as it is read, so its declared length says nothing of
     * what the resource would get: a few hundred bytes can inflate past the cap.
     */
    private static boolean isContentCoded(HttpServletRequest request) {
        String coding = request.getHeader("Content-Encoding");
        return coding != null && !coding.isBlank() && !"identity".equalsIgnoreCase(coding.strip());
    }

    /**
     * No length known in advance (chunked, with or without other transfer codings, no length at all, or a length
     * before inflating): read one byte past the cap to know whether the body fits, then hand the resource what was
     * read.
     */
    private void capUnknownLength(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] body = readAtMost(request.getInputStream(), maxRequestBytes + 1);
        if (body.length > maxRequestBytes) {
            refuse(request, response);
        } else {
            chain.doFilter(new BufferedBodyRequest(request, body), response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem = Problem.of(PlatformError.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + maxRequestBytes + " bytes; send a smaller body.")
                .withInstance(Clip.of(request.getRequestURI()));
        response.setStatus(problem.status());
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        // Tell the client not to keep sending the rest of a body nobody will read.
        response.setHeader("Connection", "close");
        response.getWriter().write(problems.body(problem));
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** The already-read body, offered again to the resource. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Asynchronous reads are not used by this application");
                }
            };
        }
    }
}
