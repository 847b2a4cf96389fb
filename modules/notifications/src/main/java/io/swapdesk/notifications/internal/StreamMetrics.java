package io.swapdesk.notifications.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The metrics of {@code /ws} on this server, named in one place (docs/operations.md):
 * <ul>
 *   <li>{@code ws.connections}: connections open now;</li>
 *   <li>{@code ws.subscriptions{channel=prices|bars}}: market subscriptions over those connections;</li>
 *   <li>{@code ws.server.closes{code}}: connections the server closed, by close code (4001: too slow, 1003: a
 *       binary frame, 1009: a text message in fragments over the limit). A single frame over the limit is refused
 *       by the container (1009 too) and not counted here;</li>
 *   <li>{@code ws.updates.dropped}: market updates the fan-out could not take since the server started (it was
 *       stopping, or 10,000 updates behind), which no subscriber was sent;</li>
 *   <li>{@code ws.send.helpers}: threads started since the server started for send rounds that did not move for a
 *       check's interval: behind a client that does not read, which holds its round's thread in a send, or on a
 *       machine whose cores are all busy, where the round's thread waited for one.</li>
 * </ul>
 */
@ApplicationScoped
public class StreamMetrics {

    static final String CONNECTIONS = "ws.connections";
    static final String SUBSCRIPTIONS = "ws.subscriptions";
    static final String SERVER_CLOSES = "ws.server.closes";
    static final String UPDATES_DROPPED = "ws.updates.dropped";
    static final String SEND_HELPERS = "ws.send.helpers";

    private static final Metadata CONNECTIONS_METADATA = Metadata.builder().withName(CONNECTIONS)
            .withDescription("WebSocket connections open on this server").build();
    private static final Metadata SUBSCRIPTIONS_METADATA = Metadata.builder().withName(SUBSCRIPTIONS)
            .withDescription("Market subscriptions on this server's WebSocket connections, by channel").build();
    private static final Metadata SERVER_CLOSES_METADATA = Metadata.builder().withName(SERVER_CLOSES)
            .withDescription("WebSocket connections closed by this server, by close code (4001: too slow)").build();
    private static final Metadata UPDATES_DROPPED_METADATA = Metadata.builder().withName(UPDATES_DROPPED)
            .withDescription("Market updates the WebSocket fan-out could not take since the server started"
                    + " (stopping, or 10,000 updates behind); no subscriber was sent them").build();
    private static final Metadata SEND_HELPERS_METADATA = Metadata.builder().withName(SEND_HELPERS)
            .withDescription("Threads started since the server started for WebSocket send rounds that did not move"
                    + " for a check's interval (a client that does not read, or no free core)").build();

    @Inject
    MetricRegistry registry;

    @Inject
    MarketChannels market;

    /**
     * Registers the gauges, or finds them registered. Asked at every connection: the registry is the server's, and
     * another application's copy of this bean stopping on the same server (an in-container test deployment) takes
     * the gauges of these names with it.
     */
    void opened() {
        registry.gauge(CONNECTIONS_METADATA, market, MarketChannels::connectionCount);
        registry.gauge(SUBSCRIPTIONS_METADATA, market, channels -> channels.subscriptionCount(Topic.Prices.class),
                new Tag("channel", "prices"));
        registry.gauge(SUBSCRIPTIONS_METADATA, market, channels -> channels.subscriptionCount(Topic.Bars.class),
                new Tag("channel", "bars"));
        registry.gauge(UPDATES_DROPPED_METADATA, market, MarketChannels::fanOutDropped);
        registry.gauge(SEND_HELPERS_METADATA, market, MarketChannels::roundHelpersStarted);
    }

    void closedByServer(int code) {
        registry.counter(SERVER_CLOSES_METADATA, new Tag("code", Integer.toString(code))).inc();
    }
}
