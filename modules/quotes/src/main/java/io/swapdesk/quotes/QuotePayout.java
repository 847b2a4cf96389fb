package io.swapdesk.quotes;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.util.Objects;

/** Where a quote pays out: read before its commit, to know which treasury balance the commit must check. */
public record QuotePayout(ChainId chain, EvmAddress token) {

    public QuotePayout {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(token, "token");
    }
}
