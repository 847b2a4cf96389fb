package io.swapdesk.quotes.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** {@code GET /api/assets}: the chains and assets SwapDesk quotes. Public: no sign-in. */
@Path("assets")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class AssetsResource {

    @Inject
    AssetCatalog catalog;

    @GET
    @Operation(summary = "Served assets", description = "Every asset SwapDesk quotes, per chain: symbol, token address, "
            + "decimals and the symbol its price is known by.")
    public AssetList list() {
        return new AssetList(catalog.all().stream().map(asset -> new AssetView(asset.chain().value(), asset.symbol(),
                asset.token().toChecksumString(), asset.decimals(), asset.pricingSymbol())).toList());
    }

    /** The answer of GET /api/assets. */
    public record AssetList(List<AssetView> assets) {
    }

    /** One served asset. */
    public record AssetView(long chainId, String symbol, String token, int decimals, String pricedAs) {
    }
}
