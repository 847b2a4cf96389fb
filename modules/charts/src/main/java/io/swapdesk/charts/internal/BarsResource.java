package io.swapdesk.charts.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Charts;
import io.swapdesk.platform.DomainException;
import io.swapdesk.pricing.Prices;
import io.swapdesk.pricing.PricingError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /api/charts/{pair}/bars}: bar history with the open bar last. Public market data: no sign-in. */
@Path("charts/{pair}/bars")
@ApplicationScoped
public class BarsResource {

    @Inject
    Charts charts;

    @Inject
    Clock clock;

    @Inject
    Prices prices;

    /** The answer: the query as understood, then the bars oldest first. */
    @JsonbPropertyOrder({"pair", "interval", "bars"})
    public record BarsPage(String pair, String interval, List<BarJson> bars) {
    }

    /**
     * One bar. {@code o h l c} are exact decimal strings; {@code open} is true for the bar still open (the last one).
     */
    @JsonbPropertyOrder({"time", "o", "h", "l", "c", "ticks", "open"})
    public record BarJson(String time, String o, String h, String l, String c, long ticks, boolean open) {
        static BarJson of(Bar bar) {
            return new BarJson(bar.start().toString(), bar.open().toPlainString(), bar.high().toPlainString(),
                    bar.low().toPlainString(), bar.close().toPlainString(), bar.ticks(), bar.live());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OHLC bars of a pair",
            description = "The latest `limit` bars starting within [from, to], oldest first, aligned to UTC; the bar "
                    + "still open is last, with `open: true`. Times are ISO-8601 with an offset or epoch milliseconds. "
                    + "A pair neither priced here nor with any bar stored is 404 UNKNOWN_PAIR.")
    public BarsPage bars(
            @Parameter(description = "BASE-QUOTE, e.g. ETH-USD") @PathParam("pair") String pair,
            @Parameter(description = "1m, 5m, 15m, 1h, 4h or 1d; default 1m") @QueryParam("interval") String interval,
            @Parameter(description = "earliest bar start; default: none") @QueryParam("from") String from,
            @Parameter(description = "latest bar start; default: now") @QueryParam("to") String to,
            @Parameter(description = "1 to 1000; default 500") @QueryParam("limit") String limit) {
        BarsRequest request = BarsRequest.parse(pair, interval, from, to, limit, clock.instant());
        List<BarJson> bars = charts.bars(request.pair(), request.interval(), request.from(), request.to(),
                request.limit()).stream().map(BarJson::of).toList();
        if (bars.isEmpty() && !prices.pairs().contains(request.pair()) && !charts.hasHistory(request.pair())) {
            // A typo, most likely: say so rather than answer "no bars" as for a quiet range of a real pair.
            throw new DomainException(PricingError.UNKNOWN_PAIR, "pair " + request.pair()
                    + " is not priced here and has no bar history; priced pairs: " + prices.pairs(),
                    Map.of("pair", request.pair().toString()));
        }
        return new BarsPage(request.pair().toString(), request.interval().code(), bars);
    }
}
