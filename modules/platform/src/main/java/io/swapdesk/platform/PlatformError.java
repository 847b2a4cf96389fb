package io.swapdesk.platform;

/**
 * Error codes shared by every module: invalid value types and the HTTP-level failures the web
 * layer reports. Stable API: add constants, never rename or remove one (see {@link ErrorCode}).
 */
public enum PlatformError implements ErrorCode {
    INVALID_AMOUNT(400, "Invalid amount"),
    INVALID_ADDRESS(400, "Invalid address"),
    INVALID_CHAIN_ID(400, "Invalid chain id"),
    INVALID_ASSET(400, "Invalid asset"),
    INVALID_REQUEST(400, "Invalid request"),
    MALFORMED_JSON(400, "Malformed JSON"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    UNPROCESSABLE(422, "Unprocessable content"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    BAD_GATEWAY(502, "Bad gateway"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    PlatformError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
