package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pyth prices from a Hermes server: one {@code GET {pricing.pyth.url}/v2/updates/price/latest?ids[]=…}
 * per fetch for every configured feed, read by {@link HermesAnswer}. The source is named {@code pyth}.
 *
 * <p>Fault tolerance, on {@link #fetch()}: the HTTP client's connect and request timeouts are
 * {@code pricing.pyth.timeout-ms} (at most 2.5 s); {@code @Timeout} bounds the whole call at 3 s; the
 * circuit breaker opens when most fetches fail with {@link SourceUnavailableException} (refused
 * connection, HTTP error, unreadable answer) or time out, and then spares the server (Hermes limits
 * request rates) until its delay has passed. A refused single feed does not count. No retry: the next
 * scheduled fetch is the retry.
 */
@ApplicationScoped
public class PythSource implements PriceSource {

    static final String KIND = "pyth";
    /** The whole fetch's bound; {@code pricing.pyth.timeout-ms} may be at most half a second less. */
    static final long FETCH_TIMEOUT_MS = 3000;
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final Optional<URI> baseUrl;
    private final Map<Pair, String> feeds;
    private final BigDecimal maxConfidenceRatio;
    private final Duration maxAge;
    private final Duration refresh;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    /** For the CDI client proxy only. */
    protected PythSource() {
        this.baseUrl = Optional.empty();
        this.feeds = Map.of();
        this.maxConfidenceRatio = null;
        this.maxAge = null;
        this.refresh = null;
        this.timeout = null;
        this.clock = null;
        this.http = null;
    }

    @Inject
    public PythSource(PricingSettings settings, Clock clock) {
        this(settings.pythUrl(), settings.pythFeeds(), settings.pythMaxConfidenceRatio(), settings.pythMaxAge(),
                settings.pythRefresh(), settings.pythTimeout(), clock);
    }

    PythSource(Optional<URI> baseUrl, Map<Pair, String> feeds, BigDecimal maxConfidenceRatio, Duration maxAge,
               Duration refresh, Duration timeout, Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.feeds = Map.copyOf(feeds);
        this.maxConfidenceRatio = Objects.requireNonNull(maxConfidenceRatio, "maxConfidenceRatio");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Set<Pair> pairs() {
        return baseUrl.isPresent() ? feeds.keySet() : Set.of();
    }

    @Override
    public Duration refreshInterval() {
        return refresh;
    }

    @Override
    @Timeout(value = FETCH_TIMEOUT_MS, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 15, delayUnit = ChronoUnit.SECONDS,
            failOn = {SourceUnavailableException.class, TimeoutException.class})
    public List<Reading> fetch() {
        if (pairs().isEmpty()) {
            return List.of();
        }
        HttpRequest request = HttpRequest.newBuilder(latestUri())
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SourceUnavailableException("Hermes did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new SourceUnavailableException("Hermes refused the connection", e);
        } catch (IOException e) {
            throw new SourceUnavailableException("Hermes could not be read: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while waiting for Hermes", e);
        }
        if (response.statusCode() != 200) {
            throw new SourceUnavailableException("Hermes answered HTTP " + response.statusCode());
        }
        if (response.body().length() > MAX_BODY_CHARS) {
            throw new SourceUnavailableException("Hermes answered " + response.body().length() + " characters, more than "
                    + MAX_BODY_CHARS);
        }
        return HermesAnswer.read(response.body(), feeds, maxConfidenceRatio, maxAge, clock.instant());
    }

    /** {@code ids[]} encoded as {@code ids%5B%5D}; ids sorted, so the same feeds make the same URL. */
    URI latestUri() {
        String ids = feeds.values().stream().sorted()
                .map(id -> "ids%5B%5D=0x" + id)
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl.orElseThrow() + "/v2/updates/price/latest?" + ids + "&parsed=true");
    }

    @PreDestroy
    void close() {
        if (http != null) {
            http.shutdownNow();
        }
    }
}
