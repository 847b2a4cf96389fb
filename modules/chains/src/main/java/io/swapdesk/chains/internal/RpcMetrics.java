package io.swapdesk.chains.internal;

import io.swapdesk.platform.ChainId;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.Objects;

/**
 * Counts and times every JSON-RPC call to a chain, so that one place knows the metric names:
 * {@code chains.rpc.calls{chain, method, outcome=ok|error}} and {@code chains.rpc.duration{chain}}.
 */
final class RpcMetrics {

    static final String CALLS = "chains.rpc.calls";
    static final String DURATION = "chains.rpc.duration";

    private static final Metadata CALLS_METADATA = Metadata.builder()
            .withName(CALLS)
            .withDescription("JSON-RPC calls to EVM chains by chain, RPC method and outcome (ok, error)")
            .build();
    private static final Metadata DURATION_METADATA = Metadata.builder()
            .withName(DURATION)
            .withDescription("Duration of JSON-RPC calls to EVM chains, failed ones included")
            .build();

    private final MetricRegistry registry;

    RpcMetrics(MetricRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void record(ChainId chain, String method, boolean ok, Duration elapsed) {
        Tag chainTag = new Tag("chain", chain.toString());
        registry.counter(CALLS_METADATA, chainTag, new Tag("method", method), new Tag("outcome", ok ? "ok" : "error"))
                .inc();
        registry.timer(DURATION_METADATA, chainTag).update(elapsed);
    }
}
