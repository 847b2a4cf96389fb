package io.swapdesk.quotes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.VerifiedWallet;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.identity.WalletClaim;
import io.swapdesk.identity.Wallets;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.quotes.QuoteStatus;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The quote writer when the database stalls: what a client was told failed is never written afterwards. */
class QuoteWriterTest {

    private static final EvmAddress TOKEN = EvmAddress.parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static final String RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private final CountDownLatch databaseBack = new CountDownLatch(1);
    private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
    private final List<UUID> written = new CopyOnWriteArrayList<>();
    private final QuoteWriter writer = new QuoteWriter();

    QuoteWriterTest() {
        writer.store = new QuoteStore() {
            @Override
            List<Written> createGroup(List<NewQuote> group) {
                firstGroupStarted.countDown();
                try {
                    databaseBack.await(10, TimeUnit.SECONDS); // a stalled database
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                group.forEach(each -> written.add(each.quote().id()));
                return group.stream().map(each -> (Written) new Created()).toList();
            }
        };
        writer.wallets = new EveryRecipientVerified();
        writer.settings = new QuotesSettings(name -> name.equals(QuotesSettings.WRITER_THREADS)
                ? java.util.Optional.of("1") : java.util.Optional.empty());
        writer.transaction = new NoTransaction();
        writer.metrics = TestChains.noMetrics();
        writer.answerTimeout = Duration.ofMillis(300);
    }

    @AfterEach
    void stop() {
        databaseBack.countDown();
        writer.stop();
    }

    @Test
    void aQuoteWhoseClientGaveUpWaitingIsNeverWrittenLater() throws Exception {
        writer.start(null);
        QuoteWriter.Request first = request();
        Thread stalled = Thread.ofVirtual().start(() -> {
            try {
                writer.write(first);
            } catch (DomainException expected) {
                // its answer timed out while the group was in the database
            }
        });
        assertThat(firstGroupStarted.await(5, TimeUnit.SECONDS)).isTrue();

        QuoteWriter.Request abandoned = request();
        assertThatThrownBy(() -> writer.write(abandoned)).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(PlatformError.SERVICE_UNAVAILABLE);
            assertThat(refusal.getMessage()).contains("was not stored");
        });
        databaseBack.countDown();
        stalled.join(5000);
        writer.stop();

        assertThat(written).as("only the quote a writer had taken").containsExactly(first.quote().id());
    }

    private static QuoteWriter.Request request() {
        Instant now = Instant.now();
        QuotedAsset usdc = new QuotedAsset(ChainId.of(31337), "USDC", TOKEN, 6);
        QuotedAsset weth = new QuotedAsset(ChainId.of(31338), "WETH", TOKEN, 18);
        Quote quote = new Quote(UUID.randomUUID(), UUID.randomUUID(), QuoteStatus.PENDING, usdc, weth,
                EvmAddress.parse(RECIPIENT), BigInteger.valueOf(100_000_000), BigInteger.TEN, BigInteger.ONE,
                BigInteger.ONE, BigInteger.valueOf(10_000), "{}", TOKEN, now, now.plusSeconds(60),
                Quote.Execution.none(now));
        return new QuoteWriter.Request(quote, "key-" + quote.id(), new byte[32],
                WalletAddress.parse(ChainFamily.EVM, RECIPIENT));
    }

    private static final class EveryRecipientVerified implements Wallets {
        @Override
        public List<VerifiedWallet> of(UserId user) {
            return List.of();
        }

        @Override
        public Set<WalletClaim> verified(Collection<WalletClaim> claims) {
            return claims.stream().collect(Collectors.toSet());
        }

        @Override
        public void requireVerified(UserId user, WalletAddress recipient) {
        }
    }

    /** A transaction that does nothing: the store above writes nowhere. */
    private static final class NoTransaction implements UserTransaction {
        private int status = Status.STATUS_NO_TRANSACTION;

        @Override
        public void begin() {
            status = Status.STATUS_ACTIVE;
        }

        @Override
        public void commit() {
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public void rollback() {
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public void setRollbackOnly() {
            status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setTransactionTimeout(int seconds) {
        }
    }
}
