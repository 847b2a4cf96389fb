package io.swapdesk.webapp.internal;

import io.swapdesk.platform.ErrorCode;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.platform.Problem;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;

/**
 * Problems for the HTTP statuses that JAX-RS or the servlet container choose by themselves. The status is always
 * kept; the code is the platform's code for that status, or the nearest general one ({@code INVALID_REQUEST} for a
 * 4xx, {@code INTERNAL_ERROR} for a 5xx) when the status has no code of its own.
 */
final class StatusProblems {

    /** A cause chain is short; the bound only guards against a cyclic one. */
    private static final int MAX_CAUSES = 32;

    private StatusProblems() {
    }

    /** A refusal (4xx): the client's to fix, so nothing is logged. */
    static Problem refusal(int status, Throwable cause, String detail) {
        return Problem.of(codeFor(status, cause), detail).withStatus(status);
    }

    static ErrorCode codeFor(int status, Throwable cause) {
        return switch (status) {
            case 400 -> involvesJson(cause) ? PlatformError.MALFORMED_JSON : PlatformError.INVALID_REQUEST;
            case 401 -> PlatformError.UNAUTHORIZED;
            case 403 -> PlatformError.FORBIDDEN;
            case 404 -> PlatformError.NOT_FOUND;
            case 405 -> PlatformError.METHOD_NOT_ALLOWED;
            case 406 -> PlatformError.NOT_ACCEPTABLE;
            case 409 -> PlatformError.CONFLICT;
            case 413 -> PlatformError.PAYLOAD_TOO_LARGE;
            case 415 -> PlatformError.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> PlatformError.UNPROCESSABLE;
            case 429 -> PlatformError.TOO_MANY_REQUESTS;
            case 502 -> PlatformError.BAD_GATEWAY;
            case 503 -> PlatformError.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? PlatformError.INTERNAL_ERROR : PlatformError.INVALID_REQUEST;
        };
    }

    /** Whether parsing or binding JSON failed somewhere in the cause chain. */
    static boolean involvesJson(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof JsonException || cause instanceof JsonbException) {
                return true;
            }
        }
        return false;
    }

    /** What to do about a refusal that the code refusing it did not describe. */
    static String refusalDetail(int status) {
        return switch (status) {
            case 400 -> "The request is invalid: check its parameters, headers and body against /openapi.";
            case 401 -> "This request needs valid credentials; the WWW-Authenticate header says which.";
            case 403 -> "These credentials do not allow this request.";
            case 409 -> "The request conflicts with the current state of the resource; reload it, then retry.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 429 -> "Too many requests: wait as long as the Retry-After header says, then retry.";
            case 431 -> "The request headers are too large.";
            default -> "The request was refused (HTTP " + status + ").";
        };
    }
}
