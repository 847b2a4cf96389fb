package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Ids;
import io.swapdesk.quotes.CommittedQuote;
import io.swapdesk.quotes.QuoteCommit;
import io.swapdesk.quotes.internal.TestQuotes;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: the commit of a paid quote — PENDING → COMMITTED, risk counters, treasury reservation, outbox
 * event — in one JTA transaction that is the caller's, and the transitions after it. Every commit runs in a
 * transaction of its own ({@link QuoteWork}), as the deposit processor's will.
 */
@ExtendWith(ArquillianExtension.class)
class QuoteCommitIT {

    /** The escrow's WETH on chain 31338 as the deposit processor would have read it before the transaction. */
    private static final BigInteger TREASURY = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1_000));

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith(QuoteWork.class, QuoteWork.SimulatedCrash.class, TestQuotes.class);
    }

    @Inject
    QuoteWork work;

    @Inject
    TestQuotes quotes;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @Test
    void ofFiftyConcurrentCommitsOfOneQuoteExactlyOneSucceeds() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        Map<String, String> before = riskState(user);
        int racers = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                QuoteCommit payment = payment(quote, TestQuotes.AMOUNT_IN, Instant.now());
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        work.commit(payment);
                        return "COMMITTED";
                    } catch (DomainException refused) {
                        return refused.code().code();
                    }
                }));
            }
            start.countDown();
            Map<String, Integer> counted = new TreeMap<>();
            for (Future<String> outcome : outcomes) {
                counted.merge(outcome.get(), 1, Integer::sum);
            }
            assertEquals(Map.of("COMMITTED", 1, "ALREADY_COMMITTED", 49), counted);
        } finally {
            pool.shutdownNow();
        }

        assertEquals("COMMITTED", status(quote));
        assertEquals(1, count("SELECT count(*) FROM risk.reservations WHERE quote_id = ?::uuid", quote));
        assertEquals(1, count("SELECT count(*) FROM notifications.outbox WHERE subject = ? AND event_type = "
                + "'quote.committed' AND user_id IS NOT NULL", quote));
        Map<String, String> after = riskState(user);
        assertEquals(plus(before.get("user"), TestQuotes.USD_CENTS), after.get("user"));
        assertEquals(plus(before.get("chain"), TestQuotes.USD_CENTS), after.get("chain"));
        assertEquals(plus(before.get("treasury"), TestQuotes.AMOUNT_OUT), after.get("treasury"));
    }

    @Test
    void aLimitHitMidTransactionLeavesNoPartialReservation() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        // The quote is moved to COMMITTED and its event written first; then the user's own limit, set below the
        // quote, refuses. (A refusal after every counter and the reservation row: TREASURY_LOW, in the test below.)
        update("INSERT INTO risk.limits (kind, scope, usd_cents, updated_at, updated_by) VALUES ('user-daily', ?, 5000,"
                + " now(), 'test')", user);
        Map<String, String> before = riskState(user);

        DomainException refused = assertThrows(DomainException.class,
                () -> work.commit(payment(quote, TestQuotes.AMOUNT_IN, Instant.now())));

        assertEquals("LIMIT_EXCEEDED", refused.code().code());
        assertEquals("PENDING", status(quote));
        assertEquals(before, riskState(user));
        assertEquals(0, count("SELECT count(*) FROM risk.reservations WHERE quote_id = ?::uuid", quote));
        assertEquals(0, count("SELECT count(*) FROM notifications.outbox WHERE subject = ?", quote));
    }

    @Test
    void aCrashAfterTheReservationsRollsTheQuoteBackToo() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        Map<String, String> before = riskState(user);

        assertThrows(QuoteWork.SimulatedCrash.class,
                () -> work.commitThenFail(payment(quote, TestQuotes.AMOUNT_IN, Instant.now())));

        assertEquals("PENDING", status(quote));
        assertEquals(before, riskState(user));
        assertEquals(0, count("SELECT count(*) FROM risk.reservations WHERE quote_id = ?::uuid", quote));
        assertEquals(0, count("SELECT count(*) FROM notifications.outbox WHERE subject = ?", quote));

        work.commit(payment(quote, TestQuotes.AMOUNT_IN, Instant.now()));
        assertEquals("COMMITTED", status(quote));
    }

    @Test
    void expiredUnderpaidWrongAssetAndPoorTreasuryAreRefusedWithTheirReasons() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        Instant expiry = quotes.expiresAt(quote);
        Map<String, String> before = riskState(user);

        assertEquals("QUOTE_EXPIRED", refusal(payment(quote, TestQuotes.AMOUNT_IN, expiry.plusMillis(1))));
        assertEquals("UNDERPAID", refusal(payment(quote, TestQuotes.AMOUNT_IN.subtract(BigInteger.ONE), Instant.now())));
        assertEquals("WRONG_ASSET", refusal(new QuoteCommit(quote, TestQuotes.SOURCE, TestQuotes.WETH,
                TestQuotes.AMOUNT_IN, TestQuotes.ESCROW, txHash(), Instant.now(), TREASURY)));
        assertEquals("WRONG_ASSET", refusal(new QuoteCommit(quote, TestQuotes.DESTINATION, TestQuotes.USDC,
                TestQuotes.AMOUNT_IN, TestQuotes.ESCROW, txHash(), Instant.now(), TREASURY)));
        assertEquals("TREASURY_LOW", refusal(new QuoteCommit(quote, TestQuotes.SOURCE, TestQuotes.USDC,
                TestQuotes.AMOUNT_IN, TestQuotes.ESCROW, txHash(), Instant.now(), TestQuotes.AMOUNT_OUT.subtract(
                BigInteger.ONE))));
        assertEquals("QUOTE_NOT_FOUND", refusal(payment(Ids.newId(), TestQuotes.AMOUNT_IN, Instant.now())));
        assertEquals("PENDING", status(quote));
        assertEquals(before, riskState(user));
        assertEquals(0, count("SELECT count(*) FROM risk.reservations WHERE quote_id = ?::uuid", quote));
        assertEquals(0, count("SELECT count(*) FROM notifications.outbox WHERE subject = ?", quote));

        // Made before expiry, confirmed after it: commits. Overpaid: commits (the excess is the payer's).
        work.commit(payment(quote, TestQuotes.AMOUNT_IN.add(BigInteger.TEN), expiry));
        assertEquals("COMMITTED", status(quote));

        // Expired by the job, with a deposit made after expiresAt: refused, and the quote stays EXPIRED.
        UUID expired = quotes.pendingFor(user, 300);
        update("UPDATE quotes.quotes SET status = 'EXPIRED' WHERE id = ?::uuid", expired);
        assertEquals("QUOTE_EXPIRED", refusal(payment(expired, TestQuotes.AMOUNT_IN, quotes.expiresAt(expired)
                .plusSeconds(1))));
        assertEquals("EXPIRED", status(expired));
    }

    /**
     * The expiry job goes by the clock; a deposit made in time can be recorded after its grace (the source chain
     * could not be read meanwhile). It still commits the quote, with its reservations and event.
     */
    @Test
    void aDepositMadeInTimeCommitsAQuoteTheJobExpiredMeanwhile() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        update("UPDATE quotes.quotes SET status = 'EXPIRED' WHERE id = ?::uuid", quote);

        work.commit(payment(quote, TestQuotes.AMOUNT_IN, quotes.expiresAt(quote)));

        assertEquals("COMMITTED", status(quote));
        assertEquals(1, count("SELECT count(*) FROM risk.reservations WHERE quote_id = ?::uuid", quote));
        assertEquals(List.of("quote.committed"), events(quote));
        assertEquals("ALREADY_COMMITTED", refusal(payment(quote, TestQuotes.AMOUNT_IN, Instant.now())));
    }

    @Test
    void deliveryReleasesTheTreasuryAndKeepsTheDaysValue() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        Map<String, String> before = riskState(user);
        CommittedQuote committed = work.commit(payment(quote, TestQuotes.AMOUNT_IN, Instant.now()));
        assertEquals(TestQuotes.AMOUNT_OUT, committed.amountOut());
        assertEquals(TestQuotes.WETH, committed.token());
        assertEquals(TestQuotes.DESTINATION, committed.chain());
        assertEquals(user, committed.userId().value());

        String fill = txHash();
        work.markExecuting(quote, fill);
        assertEquals("EXECUTING", status(quote));
        DomainException tooLittle = assertThrows(DomainException.class, () -> work.markCompleted(quote, fill, 42,
                TestQuotes.MIN_AMOUNT_OUT.subtract(BigInteger.ONE)));
        assertEquals("INVALID_TRANSITION", tooLittle.code().code());
        work.markCompleted(quote, fill, 42, TestQuotes.AMOUNT_OUT);

        assertEquals("COMPLETED", status(quote));
        Map<String, String> after = riskState(user);
        assertEquals(before.get("treasury"), after.get("treasury"));
        assertEquals(plus(before.get("user"), TestQuotes.USD_CENTS), after.get("user"));
        assertEquals(List.of("quote.committed", "quote.executing", "quote.completed"), events(quote));
        assertEquals("INVALID_TRANSITION", assertThrows(DomainException.class,
                () -> work.markCompleted(quote, fill, 42, TestQuotes.AMOUNT_OUT)).code().code());
    }

    @Test
    void aRefundGivesEverythingBackAndAnUnpaidRefundNeedsNone() throws Exception {
        UUID user = Ids.newId();
        UUID quote = quotes.pendingFor(user, 300);
        Map<String, String> before = riskState(user);
        work.commit(payment(quote, TestQuotes.AMOUNT_IN, Instant.now()));

        work.markRefunding(quote, "TREASURY_LOW");
        work.markRefunded(quote, txHash());

        assertEquals("REFUNDED", status(quote));
        assertEquals(before, riskState(user));
        assertEquals(List.of("quote.committed", "quote.refunding", "quote.refunded"), events(quote));

        // A deposit refused at commit: the quote is still PENDING, and goes to refund in a second transaction.
        UUID refused = quotes.pendingFor(user, 300);
        assertEquals("UNDERPAID", refusal(payment(refused, BigInteger.ONE, Instant.now())));
        work.markRefunding(refused, "UNDERPAID");
        assertEquals("REFUNDING", status(refused));
        assertEquals(List.of("quote.refunding"), events(refused));
    }

    private String refusal(QuoteCommit payment) {
        return assertThrows(DomainException.class, () -> work.commit(payment)).code().code();
    }

    private static QuoteCommit payment(UUID quote, BigInteger amount, Instant at) {
        return new QuoteCommit(quote, TestQuotes.SOURCE, TestQuotes.USDC, amount,
                TestQuotes.ESCROW, txHash(), at, TREASURY);
    }

    private static String txHash() {
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return "0x" + HexFormat.of().formatHex(hash);
    }

    private static String plus(String value, BigInteger amount) {
        return new BigInteger(value).add(amount).toString();
    }

    /** The user's and chain 31338's counted value today, and the WETH reserved there: what a commit changes. */
    private Map<String, String> riskState(UUID user) throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Map.of(
                "user", text("SELECT COALESCE((SELECT used_usd_cents::text FROM risk.counters WHERE kind = 'user-daily'"
                        + " AND scope = ? AND day = '" + today + "'), '0')", user),
                "chain", text("SELECT COALESCE((SELECT used_usd_cents::text FROM risk.counters WHERE kind = "
                        + "'chain-daily' AND scope = ? AND day = '" + today + "'), '0')", "31338"),
                "treasury", text("SELECT COALESCE((SELECT reserved::text FROM risk.treasury_reserved WHERE chain_id = "
                        + "31338 AND token = ?), '0')", TestQuotes.WETH.toChecksumString()));
    }

    private String status(UUID quote) throws SQLException {
        return text("SELECT status FROM quotes.quotes WHERE id = ?::uuid", quote);
    }

    private List<String> events(UUID quote) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT event_type FROM notifications.outbox WHERE subject = ? AND user_id IS NOT NULL ORDER BY seq")) {
            statement.setString(1, quote.toString());
            List<String> types = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
            return types;
        }
    }

    private long count(String sql, Object parameter) throws SQLException {
        return Long.parseLong(text(sql, parameter));
    }

    /** Read on a fresh connection outside any transaction: only what was committed. */
    private String text(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter.toString());
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    private void update(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter.toString());
            statement.executeUpdate();
        }
    }
}
