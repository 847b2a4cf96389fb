package io.swapdesk.pricing.internal;

import io.swapdesk.platform.Jsonp;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.Prices.PairStatus;
import io.swapdesk.pricing.SourcePrice;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pair's state as one relay message (a PostgreSQL NOTIFY payload, JSON): the whole {@link PairStatus}, with the
 * sending server's id so that a server ignores its own messages. Exact decimals travel as strings.
 */
final class RelayCodec {

    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the sources are left out past this. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    private RelayCodec() {
    }

    record Message(String from, PairStatus status) {
    }

    static String encode(String from, PairStatus status) {
        String full = encode(from, status, true);
        return full.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES ? full
                : encode(from, status, false);
    }

    private static String encode(String from, PairStatus status, boolean withSources) {
        JsonObjectBuilder message = Jsonp.createObjectBuilder()
                .add("from", from)
                .add("pair", status.pair().toString())
                .add("reason", status.reason())
                .add("observedAt", status.observedAt().toString());
        status.quote().ifPresent(quote -> {
            JsonArrayBuilder derived = Jsonp.createArrayBuilder();
            quote.derivedFrom().forEach(pair -> derived.add(pair.toString()));
            message.add("quote", Jsonp.createObjectBuilder()
                    .add("price", quote.price().toPlainString())
                    .add("confidence", quote.confidence().toPlainString())
                    .add("observedAt", quote.observedAt().toString())
                    .add("publishedAt", quote.publishedAt().toString())
                    .add("simulated", quote.simulated())
                    .add("derivedFrom", derived)
                    .add("sources", sources(withSources ? quote.sources() : List.of())));
        });
        message.add("sources", sources(withSources ? status.sources() : List.of()));
        return message.build().toString();
    }

    /**
     * @throws IllegalArgumentException when the payload is not a relay message
     */
    static Message decode(String payload) {
        try {
            JsonObject message = Jsonp.createReader(new StringReader(payload)).readObject();
            Pair pair = Pair.parse(message.getString("pair"));
            Optional<PriceQuote> quote = Optional.empty();
            if (message.get("quote") instanceof JsonObject q) {
                quote = Optional.of(new PriceQuote(pair, new BigDecimal(q.getString("price")),
                        new BigDecimal(q.getString("confidence")), Instant.parse(q.getString("observedAt")),
                        Instant.parse(q.getString("publishedAt")), q.getBoolean("simulated"),
                        q.getJsonArray("derivedFrom").getValuesAs(JsonString.class).stream()
                                .map(name -> Pair.parse(name.getString())).toList(),
                        readSources(q.getJsonArray("sources").getValuesAs(JsonObject.class))));
            }
            return new Message(message.getString("from"), new PairStatus(pair, quote, message.getString("reason"),
                    readSources(message.getJsonArray("sources").getValuesAs(JsonObject.class)),
                    Instant.parse(message.getString("observedAt"))));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a price relay message: " + e.getMessage(), e);
        }
    }

    private static JsonArrayBuilder sources(List<SourcePrice> sources) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (SourcePrice source : sources) {
            JsonObjectBuilder item = Jsonp.createObjectBuilder()
                    .add("source", source.source())
                    .add("pair", source.pair().toString())
                    .add("status", source.status().name())
                    .add("reason", source.reason())
                    .add("simulated", source.simulated());
            source.price().ifPresent(price -> item.add("price", price.toPlainString()));
            source.confidence().ifPresent(confidence -> item.add("confidence", confidence.toPlainString()));
            source.publishedAt().ifPresent(at -> item.add("publishedAt", at.toString()));
            list.add(item);
        }
        return list;
    }

    private static List<SourcePrice> readSources(List<JsonObject> items) {
        return items.stream().map(item -> new SourcePrice(item.getString("source"), Pair.parse(item.getString("pair")),
                text(item, "price").map(BigDecimal::new), text(item, "confidence").map(BigDecimal::new),
                text(item, "publishedAt").map(Instant::parse), SourcePrice.Status.valueOf(item.getString("status")),
                item.getString("reason"), item.getBoolean("simulated"))).toList();
    }

    private static Optional<String> text(JsonObject item, String name) {
        JsonValue value = item.get(name);
        return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }
}
