package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Many swaps at once: 10 users each quote and pay 10 swaps, all paid within a few blocks. Every one completes, each
 * quote is filled on chain exactly once with exactly its amountOut, every user gets exactly their own 10
 * {@code execution.completed} events, and no quote needed a second signed fill transaction.
 */
class ParallelSwapsIT {

    private static final int USERS = 10;
    private static final int SWAPS_PER_USER = 10;
    private static final BigInteger TWENTY_USDC = BigInteger.valueOf(20_000_000);
    /** Three signers on 31338, each holding a fill until its receipt is two blocks deep: about a minute of fills. */
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Event FILLED = new Event("Filled", List.of(new TypeReference<Bytes32>(true) { },
            new TypeReference<Address>(true) { }, new TypeReference<Address>(true) { },
            new TypeReference<Uint256>() { }, new TypeReference<Address>() { }));

    @BeforeAll
    static void contractsAndPrices() throws Exception {
        LocalContracts.ensureDeployed();
        PricesIT.deployFeeds();
        QuotesIT.awaitAvailable("USDC-ETH");
    }

    @Test
    void aHundredSwapsByTenUsersAtOnceCompleteEachFilledOnce() throws Exception {
        long fromBlock = head(Swaps.DESTINATION);
        List<TestWallet> wallets = new ArrayList<>();
        List<SignInClient.Session> users = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            for (int i = 0; i < USERS; i++) {
                TestWallet wallet = TestWallet.newEvm();
                wallets.add(wallet);
                users.add(SignInClient.signIn(wallet));
                // Funding mints from the token owner's account, one transaction after the other.
                Swaps.fundPayer(wallet.credentials(), TWENTY_USDC.multiply(BigInteger.valueOf(SWAPS_PER_USER)));
            }
            List<WebSocketIT.Client> channels = new ArrayList<>();
            for (SignInClient.Session user : users) {
                channels.add(Swaps.accountChannel(user));
            }
            try {
                List<List<JsonObject>> quotes = all(pool, users.size(), i -> quoteAndPay(users.get(i), wallets.get(i)));
                Map<String, BigInteger> amountOut = new HashMap<>();
                quotes.forEach(mine -> mine.forEach(
                        q -> amountOut.put(q.getString("id"), new BigInteger(q.getString("amountOut")))));
                assertThat(amountOut).hasSize(USERS * SWAPS_PER_USER);

                awaitAllCompleted(amountOut.keySet());

                for (int i = 0; i < USERS; i++) {
                    Set<String> own = new HashSet<>();
                    quotes.get(i).forEach(q -> own.add(q.getString("id")));
                    assertThat(completedEvents(channels.get(i), SWAPS_PER_USER)).as("user %d's events", i)
                            .isEqualTo(own);
                    BigInteger expected = own.stream().map(amountOut::get).reduce(BigInteger.ZERO, BigInteger::add);
                    assertThat(Swaps.balance(Swaps.DESTINATION, LocalContracts.WETH, wallets.get(i).address()))
                            .as("user %d's WETH", i).isEqualTo(expected);
                }
                assertFilledOnceEach(fromBlock, quotes, amountOut);
                assertThat(signedFills(amountOut.keySet())).isEqualTo(USERS * SWAPS_PER_USER);
            } finally {
                for (WebSocketIT.Client channel : channels) {
                    channel.close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One user's 10 quotes, each paid from their wallet without waiting in between; returns the quotes. */
    private static List<JsonObject> quoteAndPay(SignInClient.Session user, TestWallet wallet) throws Exception {
        List<JsonObject> quotes = new ArrayList<>();
        for (int i = 0; i < SWAPS_PER_USER; i++) {
            quotes.add(Swaps.quote(user, wallet.address(), TWENTY_USDC));
        }
        Web3j web3j = Swaps.web3j(Swaps.SOURCE);
        try {
            List<String> payments = new ArrayList<>();
            for (JsonObject quote : quotes) {
                payments.add(Swaps.sendNow(web3j, Swaps.SOURCE, wallet.credentials(), LocalContracts.ESCROW,
                        quote.getJsonObject("deposit").getString("calldata")));
            }
            for (String payment : payments) {
                assertThat(receipt(web3j, payment).isStatusOK()).as("payment %s", payment).isTrue();
            }
        } finally {
            web3j.shutdown();
        }
        return quotes;
    }

    private static void awaitAllCompleted(Set<String> quoteIds) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        Map<String, Long> byStatus;
        do {
            Thread.sleep(1000);
            byStatus = statuses(quoteIds);
            assertThat(byStatus.keySet()).as("statuses").isSubsetOf("PENDING", "COMMITTED", "EXECUTING", "COMPLETED");
            assertThat(Instant.now()).as("all completed within %s, now %s", WAIT, byStatus).isBefore(deadline);
        } while (byStatus.getOrDefault("COMPLETED", 0L) < quoteIds.size());
    }

    private static Set<String> completedEvents(WebSocketIT.Client channel, int expected) throws Exception {
        Set<String> quoteIds = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            String quoteId = Swaps.awaitEvent(channel, "execution.completed", Duration.ofSeconds(30))
                    .getJsonObject("data").getString("quoteId");
            quoteIds.add(quoteId);
            all.add(quoteId);
        }
        assertThat(all).as("no event twice").doesNotHaveDuplicates();
        JsonObject extra;
        while ((extra = channel.poll(500)) != null) {
            assertThat(extra.getString("type", "")).as("another completion: %s", extra)
                    .isNotEqualTo("execution.completed");
        }
        return quoteIds;
    }

    /** The escrow's Filled logs on 31338 since the test began: one per quote, with exactly its amountOut. */
    private static void assertFilledOnceEach(long fromBlock, List<List<JsonObject>> quotes,
                                             Map<String, BigInteger> amountOut)
            throws Exception {
        Map<String, String> quoteByRef = new HashMap<>();
        quotes.forEach(mine -> mine.forEach(q -> quoteByRef.put(
                q.getJsonObject("deposit").getString("quoteRef").toLowerCase(), q.getString("id"))));
        Web3j web3j = Swaps.web3j(Swaps.DESTINATION);
        try {
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                    DefaultBlockParameterName.LATEST, LocalContracts.ESCROW.toChecksumString())
                    .addSingleTopic(EventEncoder.encode(FILLED));
            List<String> filledRefs = new ArrayList<>();
            for (EthLog.LogResult<?> result : web3j.ethGetLogs(filter).send().getLogs()) {
                Log log = (Log) result.get();
                String ref = log.getTopics().get(1).toLowerCase();
                if (quoteByRef.containsKey(ref)) {
                    filledRefs.add(ref);
                    BigInteger amount = new BigInteger(log.getData().substring(2, 66), 16);
                    assertThat(amount).as("fill of %s", ref).isEqualTo(amountOut.get(quoteByRef.get(ref)));
                }
            }
            assertThat(filledRefs).doesNotHaveDuplicates().hasSize(quoteByRef.size());
        } finally {
            web3j.shutdown();
        }
    }

    /** Signed fill transactions of these quotes' deliveries: with no fault injected, one per quote. */
    private static long signedFills(Set<String> quoteIds) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM execution.delivery_attempts WHERE quote_id = ANY (?)")) {
            Array ids = db.createArrayOf("uuid", quoteIds.toArray());
            query.setArray(1, ids);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Map<String, Long> statuses(Set<String> quoteIds) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT status, count(*) FROM quotes.quotes WHERE id = ANY (?) GROUP BY status")) {
            query.setArray(1, db.createArrayOf("uuid", quoteIds.toArray()));
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        }
    }

    private static TransactionReceipt receipt(Web3j web3j, String txHash) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            assertThat(Instant.now()).as("receipt of %s", txHash).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static long head(long chainId) throws Exception {
        Web3j web3j = Swaps.web3j(chainId);
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } finally {
            web3j.shutdown();
        }
    }

    interface Work<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> all(ExecutorService pool, int count, Work<T> work) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit((Callable<T>) () -> work.run(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
