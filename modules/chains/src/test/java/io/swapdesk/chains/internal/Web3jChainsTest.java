package io.swapdesk.chains.internal;

import io.swapdesk.chains.ChainHead;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Web3jChainsTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final BigInteger TEN_THOUSAND_ETHER = BigInteger.TEN.pow(22);

    private final RecordingMetricRegistry metrics = new RecordingMetricRegistry();
    private Web3jChains chains;

    @BeforeEach
    void connect() {
        chains = new Web3jChains(new ChainSettings(Map.of(CHAIN.chainId(), URI.create(CHAIN.rpcUrl())),
                Duration.ofSeconds(3), Duration.ofSeconds(60)), metrics.registry());
    }

    @AfterEach
    void disconnect() {
        chains.close();
    }

    @Test
    void listsTheConfiguredChains() {
        assertThat(chains.configured()).containsExactly(ChainId.of(31337));
    }

    @Test
    void headIsTheNewestBlockWithItsHashAndTimestamp() {
        CHAIN.mine(3);

        ChainHead head = chains.head(CHAIN.chainId());

        assertThat(head.chainId()).isEqualTo(CHAIN.chainId());
        assertThat(head.blockNumber()).isGreaterThanOrEqualTo(3);
        assertThat(head.blockHash()).matches("0x[0-9a-f]{64}");
        assertThat(head.blockTimestamp()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    }

    @Test
    void headFollowsNewBlocks() {
        long before = chains.head(CHAIN.chainId()).blockNumber();

        CHAIN.mine(2);

        assertThat(chains.head(CHAIN.chainId()).blockNumber()).isEqualTo(before + 2);
    }

    @Test
    void nativeBalanceOfAFundedDevAccountIsTenThousandEther() {
        // No test of this class spends from dev account 1, so it still holds anvil's initial funding.
        assertThat(chains.nativeBalance(CHAIN.chainId(), EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1)))
                .isEqualTo(TEN_THOUSAND_ETHER);
    }

    @Test
    void nativeBalanceOfAnUnusedAddressIsZero() {
        EvmAddress unused = EvmAddress.parse("0x000000000000000000000000000000000000dEaD");

        assertThat(chains.nativeBalance(CHAIN.chainId(), unused)).isZero();
    }

    @Test
    void aChainThatIsNotConfiguredIsUnknown() {
        assertThatThrownBy(() -> chains.head(ChainId.of(5)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ChainsError.UNKNOWN_CHAIN);
                    assertThat(e.code().status()).isEqualTo(404);
                    assertThat(e.detail()).contains("chain 5 is not configured", "31337");
                    assertThat(e.properties()).containsEntry("chainId", 5L);
                });
    }

    @Test
    void theChainIdIsVerifiedOnceAndEveryCallIsCounted() {
        chains.head(CHAIN.chainId());
        chains.head(CHAIN.chainId());
        chains.nativeBalance(CHAIN.chainId(), EvmAddress.parse(AnvilExtension.DEV_ADDRESS_0));

        Tag chain = new Tag("chain", "31337");
        Tag ok = new Tag("outcome", "ok");
        assertThat(metrics.counted(RpcMetrics.CALLS, chain, new Tag("method", "eth_chainId"), ok)).isEqualTo(1);
        assertThat(metrics.counted(RpcMetrics.CALLS, chain, new Tag("method", "eth_getBlockByNumber"), ok)).isEqualTo(2);
        assertThat(metrics.counted(RpcMetrics.CALLS, chain, new Tag("method", "eth_getBalance"), ok)).isEqualTo(1);
        assertThat(metrics.timed(RpcMetrics.DURATION, chain)).isEqualTo(4);
    }

    @Test
    void anAccountHasNoCodeAndADeployedContractHasCode() throws Exception {
        EvmAddress token = deployToken();

        assertThat(chains.hasCode(CHAIN.chainId(), token)).isTrue();
        assertThat(chains.hasCode(CHAIN.chainId(), EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1))).isFalse();
    }

    @Test
    void callReturnsTheContractsAbiEncodedAnswer() throws Exception {
        EvmAddress token = deployToken();
        byte[] decimalsSelector = Numeric.hexStringToByteArray("0x313ce567");

        byte[] answer = chains.call(CHAIN.chainId(), token, decimalsSelector);

        assertThat(new BigInteger(1, answer)).isEqualTo(BigInteger.valueOf(6));
        assertThat(answer).hasSize(32);
    }

    @Test
    void aRevertingCallIsCallRevertedNotAnUnavailableChain() throws Exception {
        EvmAddress token = deployToken();
        byte[] unknownSelector = Numeric.hexStringToByteArray("0xdeadbeef");

        assertThatThrownBy(() -> chains.call(CHAIN.chainId(), token, unknownSelector))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ChainsError.CALL_REVERTED);
                    assertThat(e.detail()).contains("eth_call reverted");
                });
    }

    private EvmAddress deployToken() throws Exception {
        Web3j web3j = Web3j.build(new HttpService(CHAIN.rpcUrl()));
        try {
            ContractArtifact testToken = ContractArtifact.load("TestToken");
            return new ContractDeployer(web3j, Credentials.create(AnvilExtension.DEV_KEY_0), CHAIN.chainId())
                    .deploy(testToken, testToken.encodeConstructorArguments(List.of("USD Coin", "USDC", "6")));
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void tokenBalanceReadsAnErc20AndRefusesAnythingElse() throws Exception {
        EvmAddress token = deployToken();

        assertThat(chains.tokenBalance(CHAIN.chainId(), token, EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1))).isZero();
        assertThatThrownBy(() -> chains.tokenBalance(CHAIN.chainId(), EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1),
                EvmAddress.parse(AnvilExtension.DEV_ADDRESS_1)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ChainsError.CALL_REVERTED));
    }

    @Test
    void theEscrowOfAChainComesFromConfiguration() {
        EvmAddress escrow = EvmAddress.parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        Web3jChains withEscrow = new Web3jChains(new ChainSettings(Map.of(CHAIN.chainId(), URI.create(CHAIN.rpcUrl())),
                Duration.ofSeconds(3), Duration.ofSeconds(60), Map.of(CHAIN.chainId(), escrow)), metrics.registry());
        try {
            assertThat(withEscrow.escrow(CHAIN.chainId())).contains(escrow);
            assertThat(withEscrow.escrow(ChainId.of(5))).isEmpty();
        } finally {
            withEscrow.close();
        }
    }
}
