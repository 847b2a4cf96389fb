package io.swapdesk.pricing.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.Prices;
import io.swapdesk.pricing.Prices.PairStatus;
import io.swapdesk.pricing.SourcePrice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/prices}: the latest aggregate of every pair (or of the pairs asked for with
 * {@code ?pair=ETH-USD&pair=…}), each with its sources and how fresh it is. Public market data: no
 * sign-in. Prices are decimal strings, times ISO-8601 UTC.
 */
@Path("prices")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class PricesResource {

    private static final int MAX_PAIRS_ASKED = 50;

    private final Prices prices;
    private final Clock clock;
    /** The legs of every cross pair, shown also while it has no price. */
    private final Map<Pair, List<String>> legs;

    /** For the CDI client proxy only. */
    protected PricesResource() {
        this.prices = null;
        this.clock = null;
        this.legs = Map.of();
    }

    @Inject
    public PricesResource(Prices prices, PricingSettings settings, Clock clock) {
        this.prices = prices;
        this.clock = clock;
        this.legs = settings.crossPairs().stream().collect(Collectors.toUnmodifiableMap(CrossRoute::pair,
                route -> List.of(route.first().toString(), route.second().toString())));
    }

    @GET
    @Operation(summary = "Latest aggregated prices",
            description = "Every configured pair (or those asked for with pair=BASE-QUOTE, repeatable): the median of the "
                    + "fresh, agreeing sources with a combined confidence interval, or why there is none now.")
    public PriceList list(@QueryParam("pair") List<String> asked) {
        List<Pair> pairs = asked == null || asked.isEmpty() ? prices.pairs() : parse(asked);
        Instant now = clock.instant();
        return new PriceList(pairs.stream().map(pair -> view(prices.status(pair), now)).toList());
    }

    @GET
    @Path("{pair}")
    @Operation(summary = "Latest aggregated price of one pair", description = "As one entry of GET /api/prices.")
    public PairView one(@PathParam("pair") String pair) {
        return view(prices.status(parse(List.of(pair)).getFirst()), clock.instant());
    }

    private static List<Pair> parse(List<String> asked) {
        if (asked.size() > MAX_PAIRS_ASKED) {
            throw new DomainException(PlatformError.INVALID_REQUEST, "at most " + MAX_PAIRS_ASKED
                    + " pairs per request; got " + asked.size(), Map.of("field", "pair"));
        }
        List<Pair> pairs = new ArrayList<>();
        for (String text : asked) {
            try {
                Pair pair = Pair.parse(text.strip());
                if (!pairs.contains(pair)) {
                    pairs.add(pair);
                }
            } catch (IllegalArgumentException e) {
                throw new DomainException(PlatformError.INVALID_REQUEST, e.getMessage(), Map.of("field", "pair"));
            }
        }
        return pairs;
    }

    private PairView view(PairStatus status, Instant now) {
        List<SourceView> sources = status.sources().stream().map(PricesResource::view).toList();
        if (status.quote().isEmpty()) {
            return new PairView(status.pair().toString(), false, null, null, status.observedAt().toString(), null, null,
                    sources.stream().anyMatch(SourceView::simulated), legs.getOrDefault(status.pair(), List.of()),
                    status.reason(), sources);
        }
        PriceQuote quote = status.quote().get();
        return new PairView(quote.pair().toString(), true, text(quote.price()), text(quote.confidence()),
                quote.observedAt().toString(), quote.publishedAt().toString(),
                Math.max(0, Duration.between(quote.publishedAt(), now).toMillis()), quote.simulated(),
                quote.derivedFrom().stream().map(Pair::toString).toList(), null, sources);
    }

    private static SourceView view(SourcePrice source) {
        return new SourceView(source.source(), source.pair().toString(), source.price().map(PricesResource::text).orElse(null),
                source.confidence().map(PricesResource::text).orElse(null),
                source.publishedAt().map(Instant::toString).orElse(null),
                source.status().name().toLowerCase(Locale.ROOT),
                source.status() == SourcePrice.Status.USED || source.status() == SourcePrice.Status.FRESH
                        || source.status() == SourcePrice.Status.DEVIATING,
                source.status() != SourcePrice.Status.USED,
                source.reason().isEmpty() ? null : source.reason(), source.simulated());
    }

    private static String text(BigDecimal value) {
        return value.toPlainString();
    }

    /** The answer of GET /api/prices. */
    public record PriceList(List<PairView> prices) {
    }

    /**
     * One pair. Absent members (null) are left out of the JSON.
     *
     * @param ageMs     how long ago the oldest used source published: the price's real age
     * @param reason    why there is no price now (only when {@code available} is false)
     */
    public record PairView(String pair, boolean available, String price, String confidence, String observedAt,
                           String publishedAt, Long ageMs, boolean simulated, List<String> derivedFrom, String reason,
                           List<SourceView> sources) {
    }

    /**
     * One source's price and what the aggregation did with it.
     *
     * @param status   used, fresh, stale, deviating, invalid or failed
     * @param fresh    whether the price was fresh
     * @param excluded whether it was left out of the price (the reason says why)
     */
    public record SourceView(String name, String pair, String price, String confidence, String publishedAt, String status,
                             boolean fresh, boolean excluded, String reason, boolean simulated) {
    }
}
