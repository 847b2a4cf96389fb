package io.swapdesk.pricing.internal;

import io.swapdesk.platform.Jsonp;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.SourcePrice.Status;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the answer of Pyth Hermes' {@code GET /v2/updates/price/latest} into readings:
 *
 * <pre>
 * {"binary": {"encoding": "hex", "data": ["…"]},
 *  "parsed": [{"id": "ff61…0ace",
 *              "price": {"price": "184136023127", "conf": "177166324", "expo": -8, "publish_time": 1692110601},
 *              "ema_price": {…}, "metadata": {"slot": …, "proof_available_time": …, "prev_publish_time": …}}]}
 * </pre>
 *
 * The price is {@code price × 10^expo}, the confidence half-width {@code conf × 10^expo}; both integers
 * arrive as JSON strings. A price that is not positive, or whose confidence is wider than
 * {@code maxConfidenceRatio} of it, is refused; a feed missing from the answer is {@code FAILED}. An
 * answer that is not this shape at all throws {@link SourceUnavailableException}.
 */
final class HermesAnswer {

    static final String SOURCE = "pyth";
    /** Far more digits than any real price; refuses absurd exponents before BigDecimal builds them. */
    private static final int MAX_EXPONENT = 64;

    private HermesAnswer() {
    }

    /**
     * @param feeds feed id (64 lower-case hex digits, no 0x) per pair
     */
    static List<Reading> read(String body, Map<Pair, String> feeds, BigDecimal maxConfidenceRatio, Duration maxAge,
                              Instant fetchedAt) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonValue entry : parsedEntries(body)) {
            if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("an entry of \"parsed\" is not an object");
            }
            JsonObject object = entry.asJsonObject();
            if (!(object.get("id") instanceof JsonString id)) {
                throw malformed("an entry of \"parsed\" has no \"id\"");
            }
            byId.put(normalizeId(id.getString()), object);
        }
        List<Reading> readings = new ArrayList<>();
        feeds.forEach((pair, id) -> {
            JsonObject entry = byId.get(id);
            readings.add(entry == null
                    ? new Reading.Rejected(SOURCE, pair, Status.FAILED, "Hermes sent no price for feed 0x" + id,
                            Optional.empty(), Optional.empty(), fetchedAt, false)
                    : reading(pair, entry, maxConfidenceRatio, maxAge, fetchedAt));
        });
        return readings;
    }

    private static List<JsonValue> parsedEntries(String body) {
        JsonObject root;
        try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("the answer is not a JSON object");
            }
            root = value.asJsonObject();
        } catch (JsonException e) {
            throw malformed("the answer is not JSON");
        }
        JsonValue parsed = root.get("parsed");
        if (parsed == null || parsed.getValueType() != JsonValue.ValueType.ARRAY) {
            throw malformed("the answer has no \"parsed\" array");
        }
        return parsed.asJsonArray();
    }

    private static Reading reading(Pair pair, JsonObject entry, BigDecimal maxConfidenceRatio, Duration maxAge,
                                   Instant fetchedAt) {
        Optional<BigDecimal> price = Optional.empty();
        Optional<Instant> publishedAt = Optional.empty();
        try {
            JsonObject quote = entry.getJsonObject("price");
            if (quote == null) {
                throw new IllegalArgumentException("no \"price\" object");
            }
            int expo = integer(quote, "expo").intValueExact();
            if (Math.abs(expo) > MAX_EXPONENT) {
                throw new IllegalArgumentException("exponent " + expo + " is out of range");
            }
            publishedAt = Optional.of(Instant.ofEpochSecond(integer(quote, "publish_time").longValueExact()));
            price = Optional.of(new BigDecimal(integerText(quote, "price"), -expo));
            BigDecimal confidence = new BigDecimal(integerText(quote, "conf"), -expo);
            if (price.get().signum() <= 0) {
                return rejected(pair, "price " + price.get().toPlainString() + " is not positive", price, publishedAt, fetchedAt);
            }
            if (confidence.signum() < 0) {
                return rejected(pair, "negative confidence", price, publishedAt, fetchedAt);
            }
            BigDecimal ratio = PriceMath.divide(confidence, price.get());
            if (ratio.compareTo(maxConfidenceRatio) > 0) {
                return rejected(pair, "confidence ±" + PriceMath.normalize(confidence).toPlainString() + " is "
                        + PriceMath.normalize(ratio.movePointRight(2).round(new java.math.MathContext(3))).toPlainString()
                        + " % of the price, more than the " + PriceMath.normalize(maxConfidenceRatio.movePointRight(2)).toPlainString()
                        + " % allowed", price, publishedAt, fetchedAt);
            }
            return new Reading.Priced(SOURCE, pair, price.get(), confidence, publishedAt.get(), maxAge, fetchedAt, false);
        } catch (IllegalArgumentException | ArithmeticException | ClassCastException | java.time.DateTimeException e) {
            return rejected(pair, "unreadable price: " + e.getMessage(), price, publishedAt, fetchedAt);
        }
    }

    private static Reading rejected(Pair pair, String reason, Optional<BigDecimal> price, Optional<Instant> publishedAt,
                                    Instant fetchedAt) {
        return new Reading.Rejected(SOURCE, pair, Status.INVALID, reason, price, publishedAt, fetchedAt, false);
    }

    /** Hermes sends price and conf as strings of digits (they exceed what JSON numbers keep exact). */
    private static BigInteger integerText(JsonObject object, String name) {
        JsonValue value = object.get(name);
        String text = switch (value) {
            case JsonString string -> string.getString();
            case JsonNumber number when number.isIntegral() -> number.bigIntegerValueExact().toString();
            case null -> throw new IllegalArgumentException("no \"" + name + "\"");
            default -> throw new IllegalArgumentException("\"" + name + "\" is not an integer");
        };
        if (!text.matches("-?[0-9]{1,78}")) {
            throw new IllegalArgumentException("\"" + name + "\" is not an integer");
        }
        return new BigInteger(text);
    }

    private static BigInteger integer(JsonObject object, String name) {
        if (!(object.get(name) instanceof JsonNumber number) || !number.isIntegral()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an integer");
        }
        return number.bigIntegerValueExact();
    }

    static String normalizeId(String id) {
        String lower = id.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("0x") ? lower.substring(2) : lower;
    }

    private static SourceUnavailableException malformed(String reason) {
        return new SourceUnavailableException("Hermes answered something unreadable: " + reason);
    }
}
