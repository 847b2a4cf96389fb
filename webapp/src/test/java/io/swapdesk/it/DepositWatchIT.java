package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The server's deposit watcher on a real chain: a deposit into the escrow is recorded once it has enough
 * confirmations (3 in the test configuration), exactly once even when its blocks are read again, and a deposit that
 * names no SwapDesk quote is kept too, and routed to refund. (The swap itself: SwapIT.)
 */
class DepositWatchIT {

    private static final long CHAIN = 31337;
    /** Anvil's dev account 2: the payer of these tests. */
    private static final Credentials PAYER =
            Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void fundThePayer() throws Exception {
        LocalContracts.ensureDeployed();
        LocalContracts.mint(CHAIN, LocalContracts.USDC, EvmAddress.parse(PAYER.getAddress()),
                BigInteger.valueOf(1_000_000_000));
        call(LocalContracts.USDC, new Function("approve", List.of(new Address(LocalContracts.ESCROW.toChecksumString()),
                new Uint256(BigInteger.TWO.pow(255))), List.of()));
    }

    @Test
    void aDepositIsRecordedOnceItHasItsConfirmationsAndOnlyOnce() throws Exception {
        QuoteRef quote = new QuoteRef(UUID.randomUUID());

        TransactionReceipt receipt = deposit(quote.toBytes32(), 25_000_000);

        assertThat(rows(receipt.getTransactionHash())).as("not yet confirmed 3 times").isZero();
        awaitRows(receipt.getTransactionHash(), 1);
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT quote_id, payer, token, amount, state, block_number, "
                     + "extract(epoch FROM block_time)::bigint FROM execution.deposits WHERE tx_hash = ?")) {
            query.setString(1, receipt.getTransactionHash());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getObject(1)).isEqualTo(quote.quoteId());
                assertThat(row.getString(2)).isEqualTo(EvmAddress.parse(PAYER.getAddress()).toChecksumString());
                assertThat(row.getString(3)).isEqualTo(LocalContracts.USDC.toChecksumString());
                assertThat(row.getBigDecimal(4).toBigIntegerExact()).isEqualTo(25_000_000);
                // The quote does not exist: the processor routes the deposit to refund, maybe already.
                assertThat(row.getString(5)).isIn("RECEIVED", "REFUND_PENDING");
                assertThat(row.getLong(6)).isEqualTo(receipt.getBlockNumber().longValueExact());
                assertThat(row.getLong(7)).as("the block's own timestamp").isEqualTo(blockTimestamp(receipt));
            }
        }

        rewindCheckpoint(30);
        awaitCheckpointPast(receipt.getBlockNumber().longValueExact());

        assertThat(rows(receipt.getTransactionHash())).as("read twice, recorded once").isEqualTo(1);
    }

    @Test
    void aDepositNamingNoQuoteOfOursIsKeptForRefund() throws Exception {
        byte[] foreign = new byte[32];
        foreign[0] = 0x7f;

        TransactionReceipt receipt = deposit(foreign, 1_000);

        awaitRows(receipt.getTransactionHash(), 1);
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT quote_id, quote_ref FROM execution.deposits WHERE tx_hash = ?")) {
            query.setString(1, receipt.getTransactionHash());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getObject(1)).isNull();
                assertThat(row.getString(2)).startsWith("0x7f");
            }
        }
    }

    private static TransactionReceipt deposit(byte[] quoteRef, long amount) throws Exception {
        return call(LocalContracts.ESCROW, new Function("deposit", List.of(new Bytes32(quoteRef),
                new Address(LocalContracts.USDC.toChecksumString()), new Uint256(amount)), List.of()));
    }

    private static TransactionReceipt call(EvmAddress contract, Function function) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.chains().get(CHAIN)));
        try {
            return LocalContracts.send(web3j, ChainId.of(CHAIN), PAYER, contract, FunctionEncoder.encode(function));
        } finally {
            web3j.shutdown();
        }
    }

    private static long blockTimestamp(TransactionReceipt receipt) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.chains().get(31337L)));
        try {
            return web3j.ethGetBlockByHash(receipt.getBlockHash(), false).send().getBlock().getTimestamp().longValueExact();
        } finally {
            web3j.shutdown();
        }
    }

    private static void awaitRows(String txHash, int expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (rows(txHash) < expected) {
            assertThat(Instant.now()).as("deposit %s recorded within %s", txHash, WAIT).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static int rows(String txHash) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM execution.deposits WHERE tx_hash = ?")) {
            query.setString(1, txHash);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void rewindCheckpoint(long blocks) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement rewind = db.prepareStatement("UPDATE execution.deposit_checkpoints "
                     + "SET last_block = greatest(last_block - ?, -1) WHERE chain_id = ?")) {
            rewind.setLong(1, blocks);
            rewind.setLong(2, CHAIN);
            assertThat(rewind.executeUpdate()).isEqualTo(1);
        }
    }

    private static void awaitCheckpointPast(long block) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try (Connection db = TestEnvironment.database();
                 PreparedStatement query = db.prepareStatement(
                         "SELECT last_block FROM execution.deposit_checkpoints WHERE chain_id = ?")) {
                query.setLong(1, CHAIN);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= block) {
                        return;
                    }
                }
            }
            assertThat(Instant.now()).as("checkpoint past block %d within %s", block, WAIT).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
