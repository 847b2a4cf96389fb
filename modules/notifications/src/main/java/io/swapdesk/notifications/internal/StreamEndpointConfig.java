package io.swapdesk.notifications.internal;

import io.swapdesk.identity.TokenVerifier;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Clock;
import java.util.Set;

/**
 * Registers {@code /ws} ({@link StreamEndpoint}), found by the container as it deploys the application. The endpoint
 * is a plain object made per connection from the application's beans, which are looked up once, at the first
 * connection: the beans are application-scoped (or a clock), so every connection shares them.
 */
public class StreamEndpointConfig implements ServerApplicationConfig {

    static final String PATH = "/ws";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(StreamEndpoint.class, PATH)
                .configurator(new Connections())
                .build());
    }

    /** No annotated endpoints: whatever the scan found is not served. */
    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }

    /** Makes one endpoint per connection. */
    static final class Connections extends ServerEndpointConfig.Configurator {

        private volatile Beans beans;

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            if (!endpointClass.equals(StreamEndpoint.class)) {
                throw new IllegalArgumentException("this configurator makes only " + StreamEndpoint.class.getName());
            }
            Beans shared = beans;
            if (shared == null) {
                shared = Beans.lookUp();
                beans = shared;
            }
            return endpointClass.cast(new StreamEndpoint(shared.tokens(), shared.clock(), shared.market(),
                    shared.account(), shared.metrics()));
        }
    }

    private record Beans(TokenVerifier tokens, Clock clock, MarketChannels market, AccountChannel account,
                         StreamMetrics metrics) {

        static Beans lookUp() {
            CDI<Object> cdi = CDI.current();
            return new Beans(cdi.select(TokenVerifier.class).get(), cdi.select(Clock.class).get(),
                    cdi.select(MarketChannels.class).get(), cdi.select(AccountChannel.class).get(),
                    cdi.select(StreamMetrics.class).get());
        }
    }
}
