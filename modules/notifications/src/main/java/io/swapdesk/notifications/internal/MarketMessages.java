package io.swapdesk.notifications.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.PriceUnavailable;
import io.swapdesk.pricing.PriceUpdated;
import io.swapdesk.pricing.Prices;
import jakarta.json.JsonObjectBuilder;

/**
 * The frames of the market channels (docs/api/websocket.md), built once per update and sent to every subscriber
 * as the same string; and the keys under which a connection's pending updates coalesce.
 */
final class MarketMessages {

    private MarketMessages() {
    }

    /** One pending price per pair. */
    static String priceKey(Pair pair) {
        return "p:" + pair;
    }

    /** One pending frame per bar: a bar that closed is still delivered before the next one of its interval. */
    static String barKey(Bar bar) {
        return "b:" + bar.pair() + ":" + bar.interval().code() + ":" + bar.start().getEpochSecond();
    }

    static String price(PriceUpdated tick) {
        return frame("prices", "price", false, Jsonp.createObjectBuilder()
                .add("pair", tick.pair().toString())
                .add("available", true)
                .add("price", tick.price().toPlainString())
                .add("confidence", tick.confidence().toPlainString())
                .add("observedAt", tick.observedAt().toString()));
    }

    /** The pair lost its price: the same frame as a price, under the same key, saying why. */
    static String priceUnavailable(PriceUnavailable outage) {
        return frame("prices", "price", false, Jsonp.createObjectBuilder()
                .add("pair", outage.pair().toString())
                .add("available", false)
                .add("reason", outage.reason())
                .add("observedAt", outage.observedAt().toString()));
    }

    static String priceSnapshot(Prices.PairStatus status) {
        JsonObjectBuilder data = Jsonp.createObjectBuilder().add("pair", status.pair().toString());
        if (status.quote().isPresent()) {
            PriceQuote quote = status.quote().get();
            data.add("available", true)
                    .add("price", quote.price().toPlainString())
                    .add("confidence", quote.confidence().toPlainString())
                    .add("observedAt", quote.observedAt().toString());
        } else {
            data.add("available", false)
                    .add("reason", status.reason())
                    .add("observedAt", status.observedAt().toString());
        }
        return frame("prices", "price", true, data);
    }

    static String bar(Bar bar, boolean snapshot) {
        return frame("bars", "bar", snapshot, Jsonp.createObjectBuilder()
                .add("pair", bar.pair().toString())
                .add("interval", bar.interval().code())
                .add("time", bar.start().toString())
                .add("o", bar.open().toPlainString())
                .add("h", bar.high().toPlainString())
                .add("l", bar.low().toPlainString())
                .add("c", bar.close().toPlainString())
                .add("ticks", bar.ticks())
                .add("open", bar.live()));
    }

    private static String frame(String channel, String type, boolean snapshot, JsonObjectBuilder data) {
        JsonObjectBuilder frame = Jsonp.createObjectBuilder().add("channel", channel).add("type", type);
        if (snapshot) {
            frame.add("snapshot", true);
        }
        return frame.add("data", data).build().toString();
    }
}
