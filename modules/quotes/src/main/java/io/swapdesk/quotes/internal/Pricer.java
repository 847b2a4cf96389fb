package io.swapdesk.quotes.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.Prices;
import io.swapdesk.pricing.PricingError;
import io.swapdesk.pricing.SourcePrice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the price between two pricing symbols in the pricing module's memory (no remote call). */
@ApplicationScoped
class Pricer {

    @Inject
    Prices prices;

    /**
     * The provenance of each pair as last rendered, with the aggregate it renders. An aggregate changes at each
     * refresh (about a second) and is asked for by every quote in between: rendered once, reused until it changes.
     */
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    private record Rendered(Optional<PriceQuote> quote, JsonObject provenance) {
    }

    /** {@link Priced#json}, built once per aggregate. */
    JsonObject provenance(Priced priced) {
        String key = priced.pair() + (priced.inverted() ? " inverted" : "");
        Rendered last = rendered.get(key);
        if (last != null && last.quote().equals(priced.quote())) {
            return last.provenance();
        }
        JsonObject provenance = priced.json().build();
        rendered.put(key, new Rendered(priced.quote(), provenance));
        return provenance;
    }

    /**
     * The price of one {@code base} in {@code quote}: the configured pair BASE-QUOTE, or QUOTE-BASE used inverted.
     * The same symbol on both sides is worth exactly 1.
     *
     * @throws DomainException {@link PricingError#PRICE_UNAVAILABLE} when neither pair is priced or has a price now
     */
    Priced price(String base, String quote) {
        if (base.equals(quote)) {
            return new Priced(base + "-" + quote, false, Optional.empty());
        }
        Pair direct = new Pair(base, quote);
        if (prices.pairs().contains(direct)) {
            return new Priced(direct.toString(), false, Optional.of(prices.latest(direct)));
        }
        if (prices.pairs().contains(direct.inverse())) {
            return new Priced(direct.inverse().toString(), true, Optional.of(prices.latest(direct.inverse())));
        }
        throw new DomainException(PricingError.PRICE_UNAVAILABLE, "SwapDesk has no price for " + direct + ": neither "
                + direct + " nor " + direct.inverse() + " is a priced pair here (pricing.pairs, pricing.cross-pairs)");
    }

    /**
     * A price as used by a quote.
     *
     * @param pair     the pair as priced ({@code USDC-ETH}), or {@code X-X} for the same symbol
     * @param inverted true when the quote divides by the pair's price instead of multiplying
     * @param quote    the aggregate, empty for the same symbol (price exactly 1)
     */
    record Priced(String pair, boolean inverted, Optional<PriceQuote> quote) {

        BigDecimal price() {
            return quote.map(PriceQuote::price).orElse(BigDecimal.ONE);
        }

        BigDecimal confidence() {
            return quote.map(PriceQuote::confidence).orElse(BigDecimal.ZERO);
        }

        /** The provenance: price, confidence, times, and every source considered with what became of it. */
        JsonObjectBuilder json() {
            JsonObjectBuilder json = Jsonp.createObjectBuilder()
                    .add("pair", pair)
                    .add("inverted", inverted)
                    .add("price", price().toPlainString())
                    .add("confidence", confidence().toPlainString());
            quote.ifPresent(aggregate -> {
                json.add("observedAt", aggregate.observedAt().toString())
                        .add("publishedAt", aggregate.publishedAt().toString())
                        .add("simulated", aggregate.simulated());
                JsonArrayBuilder legs = Jsonp.createArrayBuilder();
                aggregate.derivedFrom().forEach(leg -> legs.add(leg.toString()));
                json.add("derivedFrom", legs);
                JsonArrayBuilder sources = Jsonp.createArrayBuilder();
                aggregate.sources().forEach(source -> sources.add(source(source)));
                json.add("sources", sources);
            });
            return json;
        }

        private static JsonObjectBuilder source(SourcePrice source) {
            JsonObjectBuilder json = Jsonp.createObjectBuilder()
                    .add("name", source.source())
                    .add("pair", source.pair().toString())
                    .add("status", source.status().name().toLowerCase(Locale.ROOT));
            source.price().ifPresent(price -> json.add("price", price.toPlainString()));
            source.confidence().ifPresent(confidence -> json.add("confidence", confidence.toPlainString()));
            source.publishedAt().map(Instant::toString).ifPresent(time -> json.add("publishedAt", time));
            if (!source.reason().isEmpty()) {
                json.add("reason", source.reason());
            }
            if (source.simulated()) {
                json.add("simulated", true);
            }
            return json;
        }
    }
}
