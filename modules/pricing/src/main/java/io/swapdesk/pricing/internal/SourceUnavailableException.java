package io.swapdesk.pricing.internal;

/**
 * A price source's backend cannot be read at all (connection refused, timeout, HTTP error, an
 * unreadable answer). Counted by the source's circuit breaker; the source's earlier readings age out.
 */
class SourceUnavailableException extends RuntimeException {

    SourceUnavailableException(String message) {
        super(message);
    }

    SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
