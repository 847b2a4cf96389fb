package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.Broadcast;
import io.swapdesk.chains.Chains;
import io.swapdesk.chains.Escrows;
import io.swapdesk.chains.Fees;
import io.swapdesk.chains.HeldSigner;
import io.swapdesk.chains.SignedTransaction;
import io.swapdesk.chains.SignerPool;
import io.swapdesk.chains.SignerState;
import io.swapdesk.chains.TransactionRequest;
import io.swapdesk.chains.Transactions;
import io.swapdesk.execution.Deliveries;
import io.swapdesk.execution.DeliveryOrder;
import io.swapdesk.execution.DeliveryStatus;
import io.swapdesk.execution.DeliveryView;
import io.swapdesk.execution.internal.DeliveryEngine;
import io.swapdesk.execution.internal.DeliveryLedger;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.QuoteRef;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Inside the server, against the harness chains: deliveries scheduled in a JTA transaction are filled on chain exactly
 * once by the workers of every application running (this copy, the main application, the second server), which all
 * share the database, the signer pool and the chains. Crash states are made the way a crash leaves them: committed
 * rows, and a broadcast that was or was not sent.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

    private static final ChainId CHAIN = ChainId.of(31338);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        // AssertJ travels with the test classes: the application archive does not carry it.
        return Deployments.applicationWith(LocalContracts.class, LocalContracts.Step.class, TestEnvironment.class)
                .addAsLibrary(jarOf(org.assertj.core.api.Assertions.class));
    }

    private static java.io.File jarOf(Class<?> type) {
        try {
            return new java.io.File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryLedger ledger;

    @Inject
    DeliveryEngine engine;

    @Inject
    SignerPool signers;

    @Inject
    Transactions transactions;

    @Inject
    Escrows escrows;

    @Inject
    Chains chains;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @BeforeEach
    void contracts() throws Exception {
        LocalContracts.ensureDeployed();
    }

    @Test
    void aScheduledOrderIsFilledOnceAndTheRecipientGetsExactlyTheAmount() throws Exception {
        DeliveryOrder order = order(LocalContracts.WETH, new BigInteger("1234567890123456789"));

        inTransaction(() -> {
            deliveries.schedule(order);
            deliveries.schedule(order); // the same order again: nothing more
        });

        DeliveryView done = awaitStatus(order.quoteId(), DeliveryStatus.COMPLETED);
        assertThat(done.amountDelivered()).contains(order.amount());
        assertThat(done.txHash()).isPresent();
        assertThat(done.blockNumber()).isPresent();
        assertThat(done.reason()).isEmpty();
        assertThat(balance(order)).isEqualTo(order.amount());
        assertThat(escrows.filled(CHAIN, LocalContracts.ESCROW, new QuoteRef(order.quoteId()))).isTrue();
        assertThat(attempts(order.quoteId())).hasSize(1);
        assertThat(strings("SELECT event_type FROM notifications.outbox WHERE subject = ? ORDER BY created_at",
                order.quoteId().toString())).containsExactly("execution.submitted", "execution.completed");
        assertThat(strings("SELECT payload->>'amountDelivered' FROM notifications.outbox WHERE subject = ?"
                + " AND event_type = 'execution.completed'", order.quoteId().toString())).containsExactly(order.amount().toString());
    }

    @Test
    void ordersAtOnceAreClaimedByManyWorkersEachFilledOnceWithDistinctSignersAndNonces() throws Exception {
        List<DeliveryOrder> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(order(i % 2 == 0 ? LocalContracts.USDC : LocalContracts.WETH, BigInteger.valueOf(1_000_000L + i)));
        }
        inTransaction(() -> orders.forEach(deliveries::schedule));

        Set<String> signerNonces = new HashSet<>();
        Set<String> signersUsed = new HashSet<>();
        for (DeliveryOrder order : orders) {
            awaitStatus(order.quoteId(), DeliveryStatus.COMPLETED);
            assertThat(balance(order)).isEqualTo(order.amount());
            List<String> attempts = attempts(order.quoteId());
            assertThat(attempts).hasSize(1);
            signerNonces.add(attempts.get(0));
            signersUsed.add(attempts.get(0).split("/")[0]);
        }
        assertThat(signerNonces).hasSize(orders.size());
        assertThat(signersUsed).as("least recently used first: the orders spread over the signers").hasSizeGreaterThan(1);
    }

    @Test
    void theSignedFillIsStoredBeforeAnyBroadcastAndASendLostInACrashIsSentAgainAsTheSameBytes() throws Exception {
        DeliveryOrder order = order(LocalContracts.USDC, BigInteger.valueOf(777_000));

        // A worker that claimed, signed and stored, and died before broadcasting: exactly what it committed.
        DeliveryLedger.Prepared stored = scheduleAndClaim(order);
        assertThat(stored.txHash()).isEqualTo(Numeric.toHexString(Hash.sha3(stored.raw())));
        assertThat(strings("SELECT tx_hash FROM execution.delivery_attempts WHERE quote_id = ?::uuid",
                order.quoteId().toString())).containsExactly(stored.txHash());

        DeliveryView done = awaitStatus(order.quoteId(), DeliveryStatus.COMPLETED);
        assertThat(done.txHash()).contains(stored.txHash());
        assertThat(attempts(order.quoteId())).hasSize(1);
        assertThat(balance(order)).isEqualTo(order.amount());
    }

    @Test
    void aDeliveryLeftInFlightByACrashIsResolvedFromTheChainByTheReconciler() throws Exception {
        DeliveryOrder order = order(LocalContracts.WETH, BigInteger.TEN.pow(17));
        DeliveryLedger.Prepared stored = scheduleAndClaim(order);
        // The worker broadcast it and died before recording anything more.
        Broadcast sent = transactions.broadcast(CHAIN, stored.raw());
        assertThat(sent.status()).isIn(Broadcast.Status.ACCEPTED, Broadcast.Status.ALREADY_KNOWN);

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (deliveries.find(order.quoteId()).orElseThrow().status() != DeliveryStatus.COMPLETED
                && System.nanoTime() < deadline) {
            engine.reconcileAll();
            Thread.sleep(300);
        }
        DeliveryView done = deliveries.find(order.quoteId()).orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.COMPLETED);
        assertThat(done.txHash()).contains(stored.txHash());
        assertThat(attempts(order.quoteId())).hasSize(1);
        assertThat(balance(order)).isEqualTo(order.amount());
    }

    @Test
    void aQuoteAlreadyFilledIsNeverPaidTwiceItsDeliveryCompletesWithTheEarlierFill() throws Exception {
        DeliveryOrder order = order(LocalContracts.USDC, BigInteger.valueOf(4_200_000));
        String earlier = fillOutsideTheDelivery(order);

        inTransaction(() -> deliveries.schedule(order));

        DeliveryView done = awaitStatus(order.quoteId(), DeliveryStatus.COMPLETED);
        assertThat(done.txHash()).contains(earlier);
        assertThat(done.reason()).contains("FILLED_BY_EARLIER_TRANSACTION");
        assertThat(done.amountDelivered()).contains(order.amount());
        assertThat(balance(order)).isEqualTo(order.amount());
    }

    @Test
    void aSignerWhoseTransactionsFateIsUncertainCoolsDownAndComesBackAtTheChainsNonce() throws Exception {
        DeliveryOrder order = order(LocalContracts.WETH, BigInteger.valueOf(5_000));
        fillOutsideTheDelivery(order);
        // Signed and stored, never known to be sent, while the quote is filled by another transaction: its nonce may
        // yet be taken by a copy of it somewhere, so its signer must not sign again until the chain shows otherwise.
        DeliveryLedger.Prepared stored = scheduleAndClaim(order);
        EvmAddress signer = EvmAddress.parse(strings("SELECT signer FROM execution.delivery_attempts"
                + " WHERE tx_hash = ?", stored.txHash()).get(0));

        DeliveryView done = awaitStatus(order.quoteId(), DeliveryStatus.COMPLETED);
        assertThat(done.reason()).contains("FILLED_BY_EARLIER_TRANSACTION");
        SignerState cooling = signer(signer);
        assertThat(cooling.status()).isEqualTo(SignerState.Status.COOLDOWN);
        assertThat(cooling.holder()).contains(order.quoteId());
        assertThat(transactions.receipt(CHAIN, stored.txHash())).isEmpty();

        SignerState freed = awaitSigner(signer, state -> state.status() == SignerState.Status.FREE);
        assertThat(freed.nextNonce()).isEqualTo(transactions.latestNonce(CHAIN, signer).longValueExact());
        assertThat(balance(order)).isEqualTo(order.amount());
    }

    @Test
    void concurrentTakersNeverShareASigner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Optional<HeldSigner>>> takes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                takes.add(pool.submit(() -> {
                    transaction.begin();
                    try {
                        Optional<HeldSigner> held = signers.take(CHAIN, Ids.newId());
                        Thread.sleep(500); // hold the row lock while the others try
                        transaction.commit();
                        return held;
                    } catch (Exception e) {
                        transaction.rollback();
                        throw e;
                    }
                }));
            }
            List<HeldSigner> held = new ArrayList<>();
            for (Future<Optional<HeldSigner>> take : takes) {
                take.get().ifPresent(held::add);
            }
            assertThat(held).hasSizeLessThanOrEqualTo(3);
            assertThat(held.stream().map(HeldSigner::address).distinct()).hasSameSizeAs(held);
            for (HeldSigner signer : held) {
                assertThat(signer(signer.address()).holder()).contains(signer.holder());
                // Nothing was signed with the reserved nonce: give it back to the chain's count before freeing.
                inTransaction(() -> signers.coolDown(CHAIN, signer.address(), signer.holder(), java.time.Instant.now()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fills the quote with a signer from the pool, as an earlier transaction would have; returns its hash. */
    private String fillOutsideTheDelivery(DeliveryOrder order) throws Exception {
        Fees fees = transactions.suggestedFees(CHAIN);
        UUID holder = Ids.newId();
        SignedTransaction fill = awaitValue(() -> inTransaction(() -> signers.take(CHAIN, holder).map(signer ->
                signers.sign(CHAIN, signer.address(), holder, new TransactionRequest(LocalContracts.ESCROW,
                        escrows.fillCalldata(new QuoteRef(order.quoteId()), order.token(), order.recipient(),
                                order.amount()), signer.nonce(), BigInteger.valueOf(200_000), fees)))));
        assertThat(transactions.broadcast(CHAIN, fill.raw()).reachedTheNode()).isTrue();
        awaitValue(() -> transactions.receipt(CHAIN, fill.hash()).filter(receipt -> receipt.succeeded()));
        inTransaction(() -> signers.release(CHAIN, fill.from(), holder));
        return fill.hash();
    }

    /**
     * Schedules and claims the order in one transaction, as a worker that then stops would leave it: signed and
     * stored, not broadcast. Tried again while every signer is busy with the other applications' workers.
     */
    private DeliveryLedger.Prepared scheduleAndClaim(DeliveryOrder order) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Fees fees = transactions.suggestedFees(CHAIN);
            long head = chains.head(CHAIN).blockNumber();
            transaction.begin();
            try {
                deliveries.schedule(order);
                Optional<DeliveryLedger.Prepared> claimed = ledger.claim(order.quoteId(), fees, head);
                if (claimed.isPresent()) {
                    transaction.commit();
                    return claimed.get();
                }
                transaction.rollback();
            } catch (Exception | AssertionError e) {
                transaction.rollback();
                throw e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no signer became free to claim " + order.quoteId());
    }

    private static DeliveryOrder order(EvmAddress token, BigInteger amount) {
        byte[] recipient = new byte[20];
        new SecureRandom().nextBytes(recipient);
        return new DeliveryOrder(Ids.newId(), Ids.newId(), CHAIN, token, EvmAddress.of(recipient), amount);
    }

    private BigInteger balance(DeliveryOrder order) {
        return chains.tokenBalance(CHAIN, order.token(), order.recipient());
    }

    private DeliveryView awaitStatus(UUID quoteId, DeliveryStatus status) throws Exception {
        DeliveryView view = awaitValue(() -> deliveries.find(quoteId).filter(found -> found.status() == status
                || found.status() == DeliveryStatus.NEEDS_ATTENTION));
        assertThat(view.status()).as("delivery %s: %s", quoteId, view).isEqualTo(status);
        return view;
    }

    private SignerState signer(EvmAddress address) {
        return signers.signers(CHAIN).stream().filter(state -> state.address().equals(address)).findFirst()
                .orElseThrow();
    }

    private SignerState awaitSigner(EvmAddress address, Predicate<SignerState> condition) throws Exception {
        return awaitValue(() -> Optional.of(signer(address)).filter(condition));
    }

    private static <T> T awaitValue(Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Optional<T> seen = probe.call();
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = probe.call();
        }
        return seen.orElseThrow(() -> new AssertionError("not within " + PATIENCE));
    }

    /** Each attempt of a delivery as {@code signer/nonce}. */
    private List<String> attempts(UUID quoteId) throws Exception {
        return strings("SELECT signer || '/' || nonce FROM execution.delivery_attempts WHERE quote_id = ?::uuid",
                quoteId.toString());
    }

    private List<String> strings(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private <T> T inTransaction(Callable<T> work) throws Exception {
        transaction.begin();
        try {
            T result = work.call();
            transaction.commit();
            return result;
        } catch (Exception | AssertionError e) {
            transaction.rollback();
            throw e;
        }
    }

    private void inTransaction(Runnable work) throws Exception {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
