package io.swapdesk.quotes.internal;

import io.swapdesk.chains.Escrows;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.platform.QuoteRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.HexFormat;

/**
 * A quote as the API shows it (DESIGN §10): amounts as strings of base units, each side's {@code decimals} beside
 * them, times ISO-8601 UTC, the price snapshot with its provenance, deposit instructions and the execution summary.
 */
@ApplicationScoped
class QuoteJson {

    @Inject
    Escrows escrows;

    JsonObject view(Quote quote) {
        return view(quote, parse(quote.priceJson()));
    }

    /** The same, with the quote's price snapshot already at hand (a quote just made): not parsed again. */
    JsonObject view(Quote quote, JsonObject price) {
        QuoteRef ref = new QuoteRef(quote.id());
        return Jsonp.createObjectBuilder()
                .add("id", quote.id().toString())
                .add("status", quote.status().name())
                .add("from", side(quote.from()))
                .add("to", side(quote.to()))
                .add("recipient", quote.recipient().toChecksumString())
                .add("amountIn", quote.amountIn().toString())
                .add("amountOut", quote.amountOut().toString())
                .add("minAmountOut", quote.minAmountOut().toString())
                .add("fee", quote.fee().toString())
                .add("price", price)
                .add("createdAt", quote.createdAt().toString())
                .add("expiresAt", quote.expiresAt().toString())
                .add("deposit", Jsonp.createObjectBuilder()
                        .add("chainId", quote.from().chain().value())
                        .add("escrow", quote.escrow().toChecksumString())
                        .add("token", quote.from().token().toChecksumString())
                        .add("amount", quote.amountIn().toString())
                        .add("decimals", quote.from().decimals())
                        .add("quoteRef", ref.toHex())
                        .add("calldata", "0x" + HexFormat.of().formatHex(escrows.depositCalldata(ref,
                                quote.from().token(), quote.amountIn()))))
                .add("execution", execution(quote))
                .build();
    }

    private static JsonObjectBuilder side(QuotedAsset asset) {
        return Jsonp.createObjectBuilder()
                .add("chainId", asset.chain().value())
                .add("asset", asset.symbol())
                .add("token", asset.token().toChecksumString())
                .add("decimals", asset.decimals());
    }

    private static JsonObjectBuilder execution(Quote quote) {
        Quote.Execution execution = quote.execution();
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("status", quote.status().name());
        execution.paidAmount().ifPresent(paid -> json.add("amountPaid", paid.toString()));
        execution.depositTxHash().ifPresent(hash -> json.add("depositTxHash", hash));
        execution.txHash().ifPresent(hash -> json.add("txHash", hash));
        execution.blockNumber().ifPresent(block -> json.add("blockNumber", block));
        execution.amountDelivered().ifPresent(amount -> json.add("amountDelivered", amount.toString()));
        execution.reason().ifPresent(reason -> json.add("reason", reason));
        return json.add("updatedAt", execution.updatedAt().toString());
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
