package io.swapdesk.quotes.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.quotes.QuotesError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The assets SwapDesk quotes ({@code quotes.assets}), looked up by chain and symbol or token address. */
@ApplicationScoped
public class AssetCatalog {

    private final List<ServedAsset> assets;

    /** For the CDI client proxy only. */
    protected AssetCatalog() {
        this.assets = List.of();
    }

    @Inject
    public AssetCatalog(QuotesSettings settings) {
        this.assets = settings.assets();
    }

    AssetCatalog(List<ServedAsset> assets) {
        this.assets = List.copyOf(assets);
    }

    public List<ServedAsset> all() {
        return assets;
    }

    /** The asset on {@code chain} that {@code name} names: its symbol (exact case) or its token address. */
    public Optional<ServedAsset> find(ChainId chain, String name) {
        return assets.stream().filter(asset -> asset.chain().equals(chain))
                .filter(asset -> asset.symbol().equals(name) || isTokenOf(asset, name))
                .findFirst();
    }

    public Optional<ServedAsset> byToken(ChainId chain, EvmAddress token) {
        return assets.stream().filter(asset -> asset.chain().equals(chain) && asset.token().equals(token)).findFirst();
    }

    /**
     * @throws DomainException {@link QuotesError#UNSUPPORTED_ASSET} naming what is served, with the field
     */
    public ServedAsset require(ChainId chain, String name, String field) {
        return find(chain, name).orElseThrow(() -> {
            List<ServedAsset> onChain = assets.stream().filter(asset -> asset.chain().equals(chain)).toList();
            String detail = onChain.isEmpty()
                    ? "chain " + chain + " is not served; served chains: " + assets.stream()
                            .map(asset -> asset.chain().toString()).distinct().collect(Collectors.joining(", "))
                    : clip(name) + " is not served on chain " + chain + "; served there: " + onChain.stream()
                            .map(ServedAsset::symbol).collect(Collectors.joining(", "));
            return new DomainException(QuotesError.UNSUPPORTED_ASSET, detail + " (GET /api/assets lists them)",
                    Map.of("field", field));
        });
    }

    private static boolean isTokenOf(ServedAsset asset, String name) {
        return name.length() == 42 && name.startsWith("0x") && asset.token().toChecksumString().equalsIgnoreCase(name);
    }

    static String clip(String text) {
        if (text == null) {
            return "nothing";
        }
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }
}
