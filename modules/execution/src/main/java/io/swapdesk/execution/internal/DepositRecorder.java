package io.swapdesk.execution.internal;

import io.swapdesk.chains.DepositLog;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * Records a range of deposits and the checkpoint after it in one transaction. Plain JDBC under an explicit
 * {@link UserTransaction}: it runs on the watcher's own threads, and each step is one conditional statement.
 */
@ApplicationScoped
class DepositRecorder {

    @Resource(lookup = "jdbc/swapdesk")
    DataSource database;

    @Resource
    UserTransaction transaction;

    @Inject
    Clock clock;

    OptionalLong checkpoint(ChainId chain) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT last_block FROM execution.deposit_checkpoints WHERE chain_id = ?")) {
            query.setLong(1, chain.value());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Moves the chain's checkpoint from {@code from} to {@code to} and records the deposits read in between, or
     * nothing at all when another reader moved it first.
     *
     * @return how many deposits were new; -1 when another reader had already recorded the range
     */
    int record(ChainId chain, long from, long to, List<DepositLog> deposits) throws Exception {
        transaction.begin();
        try (Connection connection = database.getConnection()) {
            if (!advance(connection, chain, from, to)) {
                transaction.rollback();
                return -1;
            }
            int added = 0;
            for (DepositLog deposit : deposits) {
                added += insert(connection, deposit);
            }
            transaction.commit();
            return added;
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }

    /** The conditional move: the row lock makes a concurrent reader wait, then find the checkpoint moved. */
    private boolean advance(Connection connection, ChainId chain, long from, long to) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO execution.deposit_checkpoints AS checkpoint (chain_id, last_block, updated_at)
                VALUES (?, ?, ?)
                ON CONFLICT (chain_id) DO UPDATE SET last_block = excluded.last_block, updated_at = excluded.updated_at
                WHERE checkpoint.last_block = ?""")) {
            upsert.setLong(1, chain.value());
            upsert.setLong(2, to);
            upsert.setTimestamp(3, Timestamp.from(clock.instant()));
            upsert.setLong(4, from);
            // Two first readers both insert: the second meets the first's row, whose last_block is no longer its from.
            return upsert.executeUpdate() == 1;
        }
    }

    private int insert(Connection connection, DepositLog deposit) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO execution.deposits (id, chain_id, tx_hash, log_index, block_number, block_hash, quote_ref,
                    quote_id, token, payer, amount, state, block_time, received_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?)
                ON CONFLICT (chain_id, tx_hash, log_index) DO NOTHING""")) {
            Timestamp now = Timestamp.from(clock.instant());
            insert.setObject(1, Ids.newId());
            insert.setLong(2, deposit.chain().value());
            insert.setString(3, deposit.txHash().toLowerCase(java.util.Locale.ROOT));
            insert.setLong(4, deposit.logIndex());
            insert.setLong(5, deposit.blockNumber());
            insert.setString(6, deposit.blockHash().toLowerCase(java.util.Locale.ROOT));
            insert.setString(7, deposit.quoteIdHex().toLowerCase(java.util.Locale.ROOT));
            insert.setObject(8, deposit.quote().map(ref -> ref.quoteId()).orElse(null));
            insert.setString(9, deposit.token().toChecksumString());
            insert.setString(10, deposit.payer().toChecksumString());
            insert.setBigDecimal(11, new BigDecimal(deposit.amount()));
            insert.setTimestamp(12, Timestamp.from(deposit.blockTime()));
            insert.setTimestamp(13, now);
            insert.setTimestamp(14, now);
            return insert.executeUpdate();
        }
    }
}
