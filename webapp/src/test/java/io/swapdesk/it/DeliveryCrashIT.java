package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * A server killed (SIGKILL, no shutdown) between the broadcast of a fill and its receipt, then started again: the
 * swap completes exactly once, from the transaction that was already sent.
 *
 * <p>The harness's second server runs every delivery (the first runs no workers), so this test knows which server
 * to kill. Chain 31338 stops making blocks while the fill is broadcast, so the fill waits in its pool; the server is
 * killed; the chain mines the fill while no server runs workers; the restarted server's reconciler finds the receipt.
 */
class DeliveryCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void contractsAndPrices() throws Exception {
        LocalContracts.ensureDeployed();
        PricesIT.deployFeeds();
        QuotesIT.awaitAvailable("USDC-ETH");
    }

    @Test
    void aServerKilledWithAFillInFlightCompletesTheSwapOnceAfterItStartsAgain() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(wallet);
        Swaps.fundPayer(wallet.credentials(), BigInteger.valueOf(100_000_000));
        JsonObject quote = Swaps.quote(user, wallet.address(), BigInteger.valueOf(100_000_000));
        String quoteId = quote.getString("id");
        BigInteger amountOut = new BigInteger(quote.getString("amountOut"));

        String fill;
        mining(Swaps.DESTINATION, 0);
        try {
            Swaps.send(Swaps.SOURCE, wallet.credentials(), LocalContracts.ESCROW,
                    quote.getJsonObject("deposit").getString("calldata"));
            fill = awaitBroadcastFill(quoteId);
            assertThat(pendingInPool(fill)).as("the fill waits in the chain's pool").isTrue();

            killSecondServer();
        } finally {
            mining(Swaps.DESTINATION, 1);
        }
        awaitMined(fill);
        Thread.sleep(3000); // a few blocks, with no server delivering
        assertThat(deliveryStatus(quoteId)).as("nobody resolved it while the server was down")
                .isIn("SUBMITTED", "UNCONFIRMED");

        startSecondServer();

        JsonObject completed = Swaps.awaitStatus(user, quoteId, "COMPLETED", WAIT);
        JsonObject execution = completed.getJsonObject("execution");
        assertThat(execution.getString("txHash")).isEqualTo(fill);
        assertThat(new BigInteger(execution.getString("amountDelivered"))).isEqualTo(amountOut);
        assertThat(Swaps.balance(Swaps.DESTINATION, LocalContracts.WETH, wallet.address())).isEqualTo(amountOut);
        assertThat(TestEnvironment.queryNumber(
                "SELECT count(*) FROM execution.delivery_attempts WHERE quote_id = ?::uuid", quoteId))
                .as("one signed fill, never a second").isEqualTo(1);
        assertThat(TestEnvironment.queryNumber(
                "SELECT count(*) FROM notifications.outbox WHERE subject = ? AND event_type = 'execution.completed'",
                quoteId)).isEqualTo(1);
    }

    /** The hash of the quote's fill once a server has broadcast it. */
    private static String awaitBroadcastFill(String quoteId) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try (Connection db = TestEnvironment.database();
                 PreparedStatement query = db.prepareStatement("SELECT tx_hash FROM execution.delivery_attempts "
                         + "WHERE quote_id = ?::uuid AND broadcasts > 0")) {
                query.setString(1, quoteId);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return row.getString(1);
                    }
                }
            }
            assertThat(Instant.now()).as("fill of %s broadcast within %s", quoteId, WAIT).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean pendingInPool(String txHash) throws Exception {
        Web3j web3j = Swaps.web3j(Swaps.DESTINATION);
        try {
            Transaction transaction = web3j.ethGetTransactionByHash(txHash).send().getTransaction().orElse(null);
            return transaction != null && transaction.getBlockHash() == null;
        } finally {
            web3j.shutdown();
        }
    }

    private static void awaitMined(String txHash) throws Exception {
        Web3j web3j = Swaps.web3j(Swaps.DESTINATION);
        try {
            Instant deadline = Instant.now().plus(WAIT);
            while (web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt().isEmpty()) {
                assertThat(Instant.now()).as("%s mined", txHash).isBefore(deadline);
                Thread.sleep(200);
            }
        } finally {
            web3j.shutdown();
        }
    }

    /** Blocks every {@code seconds} on the chain; 0 stops block production (anvil's own RPC method). */
    private static void mining(long chainId, int seconds) throws Exception {
        VoidResponse answer = new Request<>("evm_setIntervalMining", List.of(seconds),
                new HttpService(TestEnvironment.chains().get(chainId)), VoidResponse.class).send();
        assertThat(answer.hasError()).as("evm_setIntervalMining %d", seconds).isFalse();
    }

    private static void killSecondServer() throws Exception {
        Path pidFile = wlp().resolve(Path.of("usr", "servers", ".pid", peerName() + ".pid"));
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertThat(server.destroyForcibly()).isTrue(); // SIGKILL: no shutdown hook, no graceful stop
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Starts the second server again as the build did: its own configuration, this run's environment. */
    private static void startSecondServer() throws Exception {
        List<String> command = new ArrayList<>(List.of(wlp().resolve("bin/server").toString(), "start", peerName()));
        Process start = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(start.getInputStream().readAllBytes());
        assertThat(start.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).as(output).isZero();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (true) {
            try {
                HttpResponse<String> ready = Http.get(TestEnvironment.secondBaseUri().resolve("/health/ready"));
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            assertThat(Instant.now()).as("second server ready again").isBefore(deadline);
            Thread.sleep(500);
        }
    }

    private static String deliveryStatus(String quoteId) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT status FROM execution.deliveries WHERE quote_id = ?::uuid")) {
            query.setString(1, quoteId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static Path wlp() {
        return Path.of(System.getProperty("arquillian.wlpHome"));
    }

    private static String peerName() {
        return System.getProperty("swapdesk.peerServerName");
    }
}
