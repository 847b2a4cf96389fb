package io.swapdesk.chains.internal;

import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.FeedRound;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** TestAggregator.sol read through PriceFeeds and written through TestAggregators, on a real anvil chain. */
class Web3jPriceFeedsTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final SignerKey OWNER = SignerKey.of(AnvilExtension.DEV_KEY_0);
    private static final SignerKey STRANGER = SignerKey.of(AnvilExtension.DEV_KEY_1);
    private static final BigInteger ETH_3000 = BigInteger.valueOf(300_000_000_000L);

    private static TestChains chains;

    @BeforeAll
    static void connect() {
        chains = TestChains.connect(CHAIN);
    }

    @AfterAll
    static void disconnect() {
        chains.close();
    }

    @Test
    void aNewFeedAnswersItsFirstRoundWithItsDecimals() {
        EvmAddress feed = deploy(ETH_3000);

        FeedRound round = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);

        assertThat(round.roundId()).isEqualTo(BigInteger.ONE);
        assertThat(round.answeredInRound()).isEqualTo(BigInteger.ONE);
        assertThat(round.decimals()).isEqualTo(8);
        assertThat(round.price()).isEqualByComparingTo(new BigDecimal("3000"));
        assertThat(round.updatedAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(round.startedAt()).isEqualTo(round.updatedAt());
    }

    @Test
    void aPushedAnswerOpensTheNextRound() {
        EvmAddress feed = deploy(ETH_3000);

        chains.testAggregators().pushAnswer(CHAIN.chainId(), feed, OWNER, BigInteger.valueOf(301_234_500_000L));

        FeedRound round = awaitRound(feed, BigInteger.TWO);
        assertThat(round.price()).isEqualByComparingTo(new BigDecimal("3012.345"));
        assertThat(round.answeredInRound()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void theOwnerWritesAnyRoundForTests() {
        EvmAddress feed = deploy(ETH_3000);
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");

        chains.testAggregators().setRound(CHAIN.chainId(), feed, OWNER, BigInteger.valueOf(7), BigInteger.valueOf(-5),
                longAgo, longAgo.plusSeconds(1), BigInteger.valueOf(6));

        FeedRound round = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);
        assertThat(round.roundId()).isEqualTo(BigInteger.valueOf(7));
        assertThat(round.answer()).isEqualTo(BigInteger.valueOf(-5));
        assertThat(round.startedAt()).isEqualTo(longAgo);
        assertThat(round.updatedAt()).isEqualTo(longAgo.plusSeconds(1));
        assertThat(round.answeredInRound()).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void onlyTheOwnerWritesRounds() {
        EvmAddress feed = deploy(ETH_3000);

        assertThatThrownBy(() -> chains.testAggregators().setRound(CHAIN.chainId(), feed, STRANGER, BigInteger.TEN,
                BigInteger.ONE, Instant.now(), Instant.now(), BigInteger.TEN))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ChainsError.CALL_REVERTED));
        assertThat(chains.priceFeeds().latestRound(CHAIN.chainId(), feed).roundId()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void aFeedWithoutRoundsReverts() {
        EvmAddress feed = deploy(BigInteger.ZERO);

        assertThatThrownBy(() -> chains.priceFeeds().latestRound(CHAIN.chainId(), feed))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ChainsError.CALL_REVERTED));
    }

    @Test
    void anAddressWithoutCodeIsNotAFeed() {
        EvmAddress nobody = EvmAddress.parse("0x000000000000000000000000000000000000dEaD");

        assertThatThrownBy(() -> chains.priceFeeds().latestRound(CHAIN.chainId(), nobody))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ChainsError.CALL_REVERTED);
                    assertThat(e.detail()).contains("not a Chainlink-interface feed");
                });
    }

    @Test
    void theKeyNeverShowsInText() {
        assertThat(OWNER.toString()).doesNotContain(AnvilExtension.DEV_KEY_0.substring(2, 12));
        assertThatThrownBy(() -> SignerKey.of("0x1234")).hasMessageNotContaining("1234");
    }

    private static EvmAddress deploy(BigInteger initialAnswer) {
        return chains.testAggregators().deploy(CHAIN.chainId(), OWNER, 8, "ETH / USD", initialAnswer);
    }

    private static FeedRound awaitRound(EvmAddress feed, BigInteger roundId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        FeedRound round = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);
        while (!round.roundId().equals(roundId) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            round = chains.priceFeeds().latestRound(CHAIN.chainId(), feed);
        }
        return round;
    }
}
