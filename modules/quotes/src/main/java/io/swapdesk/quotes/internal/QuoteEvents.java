package io.swapdesk.quotes.internal;

import io.swapdesk.platform.Jsonp;
import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import io.swapdesk.quotes.QuoteStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import java.util.Locale;
import java.util.Map;

/**
 * The outbox event of each status change, for the quote's user, appended in the change's transaction:
 * {@code quote.committed}, {@code quote.executing}, {@code quote.completed}, {@code quote.expired},
 * {@code quote.refunding}, {@code quote.refunded}, {@code quote.manual_review}. The payload carries ids and amounts.
 */
@ApplicationScoped
class QuoteEvents {

    @Inject
    Outbox outbox;

    void changed(Quote before, QuoteStatus now, Map<String, String> details) {
        JsonObjectBuilder payload = Jsonp.createObjectBuilder()
                .add("quoteId", before.id().toString())
                .add("status", now.name())
                .add("previousStatus", before.status().name())
                .add("fromChainId", before.from().chain().value())
                .add("fromAsset", before.from().symbol())
                .add("amountIn", before.amountIn().toString())
                .add("toChainId", before.to().chain().value())
                .add("toAsset", before.to().symbol())
                .add("amountOut", before.amountOut().toString());
        details.forEach(payload::add);
        outbox.append(OutboxMessage.forUser("quote." + now.name().toLowerCase(Locale.ROOT), before.id().toString(),
                before.userId(), payload.build().toString()));
    }
}
