package io.swapdesk.quotes.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.util.Objects;

/**
 * An ERC-20 token SwapDesk quotes on one chain.
 *
 * @param symbol        what clients name it by on that chain, e.g. {@code WETH}
 * @param pricingSymbol the symbol its price is known by in the pricing module, e.g. {@code ETH} for WETH
 */
record ServedAsset(ChainId chain, String symbol, EvmAddress token, int decimals, String pricingSymbol) {

    ServedAsset {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pricingSymbol, "pricingSymbol");
    }
}
