package io.swapdesk.platform;

import java.net.URI;
import java.util.Locale;

/**
 * A kind of failure a client can act on, rendered as an RFC 9457 problem.
 *
 * <p>Codes are stable API: clients branch on them, so a code is never renamed or removed, only
 * added. The title is a short constant summary; what went wrong this time belongs in the detail
 * of the {@link DomainException} or {@link Problem}. Each module has its own enum of codes.
 */
public interface ErrorCode {

    /** Stable SCREAMING_SNAKE identifier, e.g. {@code INVALID_AMOUNT}. */
    String code();

    /** The HTTP status a problem with this code is sent with. */
    int status();

    /** Short, constant human summary, the same for every occurrence. */
    String title();

    /** The problem type URI, e.g. {@code urn:swapdesk:problem:invalid-amount}. */
    default URI type() {
        // Locale.ROOT: under a Turkish default locale "INVALID".toLowerCase() yields a dotless ı.
        return URI.create("urn:swapdesk:problem:" + code().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
