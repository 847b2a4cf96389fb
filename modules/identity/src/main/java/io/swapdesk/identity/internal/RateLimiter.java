package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Fixed one-minute windows of sign-in attempts per client IP and per wallet address, counted in
 * PostgreSQL so the limits hold across every server. Each count commits at once, in a transaction
 * of its own: a refused attempt still counts, whatever happens to the request afterwards.
 */
@ApplicationScoped
class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    IdentityStore store;

    @Inject
    IdentitySettings settings;

    @Inject
    Clock clock;

    /**
     * @param action  what is attempted ({@code challenge}, {@code verify}); each has its own windows
     * @throws DomainException {@link IdentityError#RATE_LIMITED} with {@code retryAfterSeconds}
     */
    public void count(String action, String clientIp, WalletAddress wallet) {
        Instant now = clock.instant();
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        long retryAfter = Math.max(1, Duration.between(now, windowStart.plus(WINDOW)).toSeconds());
        if (store.countAttempt(action + ":ip:" + clientIp, windowStart) > settings.attemptsPerIpPerMinute()) {
            throw limited("too many " + action + " attempts from this IP address: at most "
                    + settings.attemptsPerIpPerMinute() + " a minute", retryAfter);
        }
        if (store.countAttempt(action + ":address:" + wallet, windowStart) > settings.attemptsPerAddressPerMinute()) {
            throw limited("too many " + action + " attempts for this address: at most "
                    + settings.attemptsPerAddressPerMinute() + " a minute", retryAfter);
        }
    }

    private static DomainException limited(String detail, long retryAfterSeconds) {
        return new DomainException(IdentityError.RATE_LIMITED, detail + "; retry in " + retryAfterSeconds + " s",
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }
}
