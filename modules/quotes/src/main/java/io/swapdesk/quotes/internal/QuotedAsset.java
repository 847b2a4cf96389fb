package io.swapdesk.quotes.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

/** One side of a quote as it was quoted: kept on the quote, so a later change of {@code quotes.assets} cannot move it. */
record QuotedAsset(ChainId chain, String symbol, EvmAddress token, int decimals) {

    static QuotedAsset of(ServedAsset asset) {
        return new QuotedAsset(asset.chain(), asset.symbol(), asset.token(), asset.decimals());
    }
}
