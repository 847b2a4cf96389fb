package io.swapdesk.chains.testing;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.PriceFeeds;
import io.swapdesk.chains.TestAggregators;
import io.swapdesk.chains.internal.ChainSettings;
import io.swapdesk.chains.internal.Web3jChains;
import io.swapdesk.chains.internal.Web3jPriceFeeds;
import io.swapdesk.chains.internal.Web3jTestAggregators;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The chains module's real implementations wired by hand for other modules' tests, without a
 * container: {@code try (TestChains chains = TestChains.connect(CHAIN)) { … }}. Metrics go nowhere.
 */
public final class TestChains implements AutoCloseable {

    private final Web3jChains chains;
    private final Web3jPriceFeeds priceFeeds;
    private final Web3jTestAggregators testAggregators;

    private TestChains(Web3jChains chains) {
        this.chains = chains;
        this.priceFeeds = new Web3jPriceFeeds(chains);
        this.testAggregators = new Web3jTestAggregators(chains);
    }

    /** Connects to running anvil chains, with a 3 s RPC timeout. */
    public static TestChains connect(AnvilExtension... anvils) {
        return connect(Arrays.stream(anvils).map(anvil -> anvil.chainId() + "=" + anvil.rpcUrl())
                .collect(Collectors.joining(",")));
    }

    /** Connects to the endpoints given as for {@code chains.endpoints} (e.g. to one where nothing listens). */
    public static TestChains connect(String endpoints) {
        return new TestChains(new Web3jChains(new ChainSettings(Optional.of(endpoints), 3000, 60, Optional.empty()), noMetrics()));
    }

    public Chains chains() {
        return chains;
    }

    public PriceFeeds priceFeeds() {
        return priceFeeds;
    }

    public TestAggregators testAggregators() {
        return testAggregators;
    }

    @Override
    public void close() {
        chains.close();
    }

    /** A MetricRegistry whose metrics accept every update and report zero. */
    public static MetricRegistry noMetrics() {
        return (MetricRegistry) Proxy.newProxyInstance(TestChains.class.getClassLoader(),
                new Class<?>[]{MetricRegistry.class}, (proxy, method, args) -> noop(method.getReturnType()));
    }

    private static Object noop(Class<?> type) {
        if (type.isInterface()) {
            return Proxy.newProxyInstance(TestChains.class.getClassLoader(), new Class<?>[]{type},
                    (proxy, method, args) -> noop(method.getReturnType()));
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
