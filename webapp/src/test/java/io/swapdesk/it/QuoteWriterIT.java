package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.quotes.internal.TestQuotes;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: a group of new quotes written by the quote writer in one transaction, with members that fail
 * or are refused, each answered on its own.
 */
@ExtendWith(ArquillianExtension.class)
class QuoteWriterIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith(TestQuotes.class);
    }

    @Inject
    TestQuotes quotes;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    private UUID user;
    private EvmAddress wallet;

    @BeforeEach
    void aUserWithAVerifiedWallet() throws Exception {
        user = Ids.newId();
        byte[] address = new byte[20];
        new java.security.SecureRandom().nextBytes(address);
        wallet = EvmAddress.of(address);
        try (Connection db = dataSource.getConnection();
             PreparedStatement users = db.prepareStatement("INSERT INTO identity.users (id, created_at) VALUES (?, ?)");
             PreparedStatement wallets = db.prepareStatement("INSERT INTO identity.wallets (family, address, user_id,"
                     + " verified_at) VALUES ('evm', ?, ?, ?)")) {
            users.setObject(1, user);
            users.setTimestamp(2, Timestamp.from(Instant.now()));
            users.executeUpdate();
            wallets.setString(1, wallet.toChecksumString());
            wallets.setObject(2, user);
            wallets.setTimestamp(3, Timestamp.from(Instant.now()));
            wallets.executeUpdate();
        }
    }

    @Test
    void aQuoteTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        List<String> keys = List.of(key(), key(), key(), key());

        List<String> answers = quotes.writeGroup(user, wallet, keys, Set.of(keys.get(1)));

        assertEquals("created", answers.get(0));
        // failed alone, after the group of four failed
        assertTrue(answers.get(1).startsWith("failed: ") && answers.get(1).contains("writing 1 quotes failed"),
                answers.get(1));
        assertEquals("created", answers.get(2));
        assertEquals("created", answers.get(3));
        assertEquals(Set.of(keys.get(0), keys.get(2), keys.get(3)), Set.copyOf(storedKeys(keys)));
        assertEquals(3, storedQuotes(keys));
    }

    @Test
    void inOneGroupAUsedKeyAndAStrangersRecipientAreAnsweredAndTheOthersStored() throws Exception {
        String used = key();
        assertEquals(List.of("created"), quotes.writeGroup(user, wallet, List.of(used), Set.of()));
        String twice = key();
        EvmAddress stranger = EvmAddress.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19, 20});
        String refused = key();
        String fresh = key();

        List<String> answers = quotes.writeGroup(user, wallet, List.of(used, twice, twice, fresh), Set.of());
        List<String> strangers = quotes.writeGroup(user, stranger, List.of(refused, used), Set.of());

        assertEquals("key used", answers.get(0));
        assertEquals(Set.of("created", "key used"), Set.copyOf(answers.subList(1, 3)));
        assertEquals("created", answers.get(3));
        assertEquals(List.of("recipient not verified", "key used"), strangers);
        assertEquals(Set.of(used, twice, fresh), Set.copyOf(storedKeys(List.of(used, twice, refused, fresh))));
        assertEquals(3, storedQuotes(List.of(used, twice, refused, fresh)));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private List<String> storedKeys(List<String> keys) throws Exception {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT idempotency_key FROM quotes.idempotency_keys"
                     + " WHERE user_id = ? AND idempotency_key = ANY (?)")) {
            select.setObject(1, user);
            select.setArray(2, db.createArrayOf("text", keys.toArray()));
            List<String> stored = new java.util.ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            return stored;
        }
    }

    private int storedQuotes(List<String> keys) throws Exception {
        try (Connection db = dataSource.getConnection();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM quotes.quotes q JOIN"
                     + " quotes.idempotency_keys k ON k.quote_id = q.id WHERE k.user_id = ? AND k.idempotency_key = ANY (?)")) {
            count.setObject(1, user);
            count.setArray(2, db.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
