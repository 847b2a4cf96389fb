package io.swapdesk.chains.internal;

import io.swapdesk.chains.ChainHead;
import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChainsReadinessCheckTest {

    @RegisterExtension
    static final AnvilExtension CHAIN_A = AnvilExtension.withChainId(31337);
    @RegisterExtension
    static final AnvilExtension CHAIN_B = AnvilExtension.withChainId(31338);

    private static final Duration MAX_HEAD_AGE = Duration.ofSeconds(60);

    private final List<Web3jChains> opened = new ArrayList<>();

    @AfterEach
    void closeClients() {
        opened.forEach(Web3jChains::close);
    }

    @Test
    void upWhenEveryChainAnswersWithAFreshHead() {
        HealthCheckResponse response = check(web3jChains(CHAIN_A, CHAIN_B), Clock.systemUTC()).call();

        assertThat(response.getName()).isEqualTo("chains");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).hasValueSatisfying(data -> {
            assertThat(data).containsOnlyKeys("31337.head", "31337.lagSeconds", "31338.head", "31338.lagSeconds");
            assertThat(data).containsEntry("31337.head", 0L).containsEntry("31338.head", 0L);
            assertThat((Long) data.get("31337.lagSeconds")).isBetween(0L, MAX_HEAD_AGE.toSeconds());
        });
    }

    @Test
    void downWhenOneChainStops() {
        try (AnvilExtension stopping = AnvilExtension.withChainId(31339).start()) {
            ChainsReadinessCheck check = check(web3jChains(CHAIN_A, stopping), Clock.systemUTC());
            assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

            stopping.stop();
            HealthCheckResponse response = check.call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData()).hasValueSatisfying(data -> {
                assertThat(data).containsKeys("31337.head", "31337.lagSeconds").doesNotContainKey("31337.error");
                assertThat(data).doesNotContainKeys("31339.head", "31339.lagSeconds");
                assertThat((String) data.get("31339.error"))
                        .isEqualTo("chain 31339 is unavailable: eth_getBlockByNumber: connection refused");
            });
        }
    }

    @Test
    void downWhenAChainServesAnotherChainId() {
        Web3jChains chains = open(Map.of(ChainId.of(1), URI.create(CHAIN_A.rpcUrl())));

        HealthCheckResponse response = check(chains, Clock.systemUTC()).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data ->
                assertThat((String) data.get("1.error")).contains("serves chain id 31337"));
    }

    @Test
    void downWhenAHeadIsOlderThanTheMaximumAge() {
        Instant genesis = Instant.parse("2026-01-01T00:00:00Z");
        Chains stale = FixedHeads.of(head(10, 7, genesis.plusSeconds(80)), head(20, 9, genesis));
        Clock now = Clock.fixed(genesis.plusSeconds(100), ZoneOffset.UTC);

        HealthCheckResponse response = new ChainsReadinessCheck(stale, MAX_HEAD_AGE, now).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data).containsExactlyEntriesOf(ordered(
                "10.head", 7L, "10.lagSeconds", 20L,
                "20.head", 9L, "20.lagSeconds", 100L,
                "20.error", "head block is 100 s old, more than the 60 s allowed by chains.max-head-age-seconds")));
    }

    @Test
    void aHeadExactlyAtTheMaximumAgeIsStillReady() {
        Instant produced = Instant.parse("2026-01-01T00:00:00Z");
        Chains chains = FixedHeads.of(head(10, 1, produced));

        HealthCheckResponse response = new ChainsReadinessCheck(chains, MAX_HEAD_AGE,
                Clock.fixed(produced.plus(MAX_HEAD_AGE), ZoneOffset.UTC)).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void upWithoutDataWhenNoChainIsConfigured() {
        HealthCheckResponse response = new ChainsReadinessCheck(FixedHeads.of(), MAX_HEAD_AGE,
                Clock.systemUTC()).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).isEmpty();
    }

    private static ChainsReadinessCheck check(Chains chains, Clock clock) {
        return new ChainsReadinessCheck(chains, MAX_HEAD_AGE, clock);
    }

    private Web3jChains web3jChains(AnvilExtension... anvils) {
        Map<ChainId, URI> endpoints = new LinkedHashMap<>();
        for (AnvilExtension anvil : anvils) {
            endpoints.put(anvil.chainId(), URI.create(anvil.rpcUrl()));
        }
        return open(endpoints);
    }

    private Web3jChains open(Map<ChainId, URI> endpoints) {
        Web3jChains chains = new Web3jChains(new ChainSettings(endpoints, Duration.ofSeconds(2), MAX_HEAD_AGE),
                new RecordingMetricRegistry().registry());
        opened.add(chains);
        return chains;
    }

    private static ChainHead head(long chain, long number, Instant timestamp) {
        return new ChainHead(ChainId.of(chain), number, "0x" + "ab".repeat(32), timestamp);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Chains with fixed heads, in the order given, to test the check's rules against any clock. */
    private record FixedHeads(Map<ChainId, ChainHead> heads) implements Chains {

        static FixedHeads of(ChainHead... heads) {
            Map<ChainId, ChainHead> byChain = new LinkedHashMap<>();
            for (ChainHead head : heads) {
                byChain.put(head.chainId(), head);
            }
            return new FixedHeads(byChain);
        }

        @Override
        public Set<ChainId> configured() {
            return Collections.unmodifiableSet(heads.keySet());
        }

        @Override
        public ChainHead head(ChainId chain) {
            ChainHead head = heads.get(chain);
            if (head == null) {
                throw new DomainException(ChainsError.UNKNOWN_CHAIN, "chain " + chain + " is not configured");
            }
            return head;
        }

        @Override
        public BigInteger nativeBalance(ChainId chain, EvmAddress address) {
            throw new UnsupportedOperationException("not needed by the readiness check");
        }

        @Override
        public BigInteger tokenBalance(ChainId chain, EvmAddress token, EvmAddress holder) {
            throw new UnsupportedOperationException("not needed by the readiness check");
        }

        @Override
        public java.util.Optional<EvmAddress> escrow(ChainId chain) {
            return java.util.Optional.empty();
        }

        @Override
        public boolean hasCode(ChainId chain, EvmAddress address) {
            throw new UnsupportedOperationException("not needed by the readiness check");
        }

        @Override
        public byte[] call(ChainId chain, EvmAddress contract, byte[] calldata) {
            throw new UnsupportedOperationException("not needed by the readiness check");
        }
    }
}
