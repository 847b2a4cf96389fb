package io.swapdesk.notifications.internal;

import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;

/** What a connection can subscribe to on the market channels: a pair's prices, or a pair's bars of one interval. */
sealed interface Topic {

    record Prices(Pair pair) implements Topic {
    }

    record Bars(Pair pair, Interval interval) implements Topic {
    }
}
