package io.swapdesk.chains.internal;

import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Web3jChainsFailureTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final ChainId CHAIN_ID = ChainId.of(1);

    private final RecordingMetricRegistry metrics = new RecordingMetricRegistry();
    private Web3jChains chains;

    @AfterEach
    void disconnect() {
        chains.close();
    }

    @Test
    void anEndpointServingAnotherChainIsUnavailableAndSaysWhich() {
        chains = chainsWith(CHAIN_ID, CHAIN.rpcUrl());

        assertUnavailable(() -> chains.head(CHAIN_ID), "chain 1 is unavailable: its RPC endpoint serves chain id 31337");
        assertThat(metrics.counted(RpcMetrics.CALLS, new Tag("chain", "1"), new Tag("method", "eth_chainId"),
                new Tag("outcome", "ok"))).isEqualTo(1);
    }

    @Test
    void aMismatchIsNotRememberedAsVerified() {
        chains = chainsWith(CHAIN_ID, CHAIN.rpcUrl());

        assertUnavailable(() -> chains.head(CHAIN_ID), "serves chain id 31337");
        assertUnavailable(() -> chains.nativeBalance(CHAIN_ID, EvmAddress.ZERO),
                "serves chain id 31337");
    }

    @Test
    void aClosedPortIsUnavailableWithinTheTimeout() throws IOException {
        chains = chainsWith(CHAIN_ID, "http://127.0.0.1:" + closedPort());

        long started = System.nanoTime();
        assertUnavailable(() -> chains.head(CHAIN_ID), "eth_chainId: connection refused");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertThat(metrics.counted(RpcMetrics.CALLS, new Tag("chain", "1"), new Tag("method", "eth_chainId"),
                new Tag("outcome", "error"))).isEqualTo(1);
    }

    @Test
    void anEndpointThatNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        // The kernel completes the TCP handshake into the backlog, but nobody ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            chains = chainsWith(CHAIN_ID, "http://127.0.0.1:" + silent.getLocalPort());

            long started = System.nanoTime();
            assertUnavailable(() -> chains.head(CHAIN_ID), "eth_chainId: no answer within 500 ms");

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50))
                    .isLessThan(TIMEOUT.multipliedBy(4));
        }
    }

    private Web3jChains chainsWith(ChainId chain, String url) {
        return new Web3jChains(new ChainSettings(Map.of(chain, URI.create(url)), TIMEOUT, Duration.ofSeconds(60)),
                metrics.registry());
    }

    private static void assertUnavailable(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ChainsError.CHAIN_UNAVAILABLE);
            assertThat(e.code().status()).isEqualTo(503);
            assertThat(e.detail()).contains(detail);
        });
    }

    /** A port nothing listens on: bound once to find it free, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
