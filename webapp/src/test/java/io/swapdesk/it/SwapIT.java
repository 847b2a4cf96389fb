package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.platform.EvmAddress;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/**
 * The swap end to end on the two harness chains: a signed-in user quotes 100 USDC on 31337 for WETH on 31338, the
 * payer deposits into the escrow with the quote's own calldata, and SwapDesk sees the deposit, commits the quote,
 * fills it from the treasury on 31338 exactly once and tells the user over WebSocket. Every payment that cannot be
 * honoured — a second one for the same quote, too little, too late, more than the treasury holds — is routed to
 * refund with its reason, never filled.
 */
class SwapIT {

    /** Anvil's dev account 2, funded with USDC and approving the escrow (as in DepositWatchIT). */
    private static final Credentials PAYER =
            Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    private static final BigInteger HUNDRED_USDC = BigInteger.valueOf(100_000_000);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void contractsPricesAndAPayer() throws Exception {
        LocalContracts.ensureDeployed();
        PricesIT.deployFeeds();
        QuotesIT.awaitAvailable("USDC-ETH");
        LocalContracts.mint(Swaps.SOURCE, LocalContracts.USDC, EvmAddress.parse(PAYER.getAddress()),
                BigInteger.valueOf(1_000_000_000));
        Swaps.send(Swaps.SOURCE, PAYER, LocalContracts.USDC, Swaps.approveEscrow());
    }

    @Test
    void aPaidQuoteIsFilledOnTheOtherChainOnceAndTheUserSeesItLive() throws Exception {
        TestWallet recipient = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(recipient);
        JsonObject quote = Swaps.quote(user, recipient.address(), HUNDRED_USDC);
        String quoteId = quote.getString("id");
        BigInteger amountOut = new BigInteger(quote.getString("amountOut"));
        JsonObject deposit = quote.getJsonObject("deposit");

        try (WebSocketIT.Client live = Swaps.accountChannel(user)) {
            Swaps.send(deposit.getInt("chainId"), PAYER, EvmAddress.parse(deposit.getString("escrow")),
                    deposit.getString("calldata"));

            JsonObject completed = Swaps.awaitStatus(user, quoteId, "COMPLETED", WAIT);
            JsonObject execution = completed.getJsonObject("execution");
            assertThat(execution.getString("txHash")).matches("0x[0-9a-f]{64}");
            assertThat(new BigInteger(execution.getString("amountDelivered"))).isEqualTo(amountOut);
            assertThat(wethBalance(recipient)).isEqualTo(amountOut);
            assertThat(Swaps.awaitEvent(live, "execution.completed", WAIT).getJsonObject("data").toString())
                    .contains(quoteId);
        }

        // Pay the same quote again: the second payment is refunded, never filled a second time.
        String second = Swaps.send(Swaps.SOURCE, PAYER, EvmAddress.parse(deposit.getString("escrow")),
                deposit.getString("calldata"));
        assertThat(Swaps.awaitDepositState(second, WAIT)).isEqualTo("REFUND_PENDING ALREADY_COMMITTED");
        assertThat(wethBalance(recipient)).isEqualTo(amountOut);
    }

    @Test
    void anUnderpaidQuoteGoesToRefundWithItsReason() throws Exception {
        TestWallet recipient = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(recipient);
        JsonObject quote = Swaps.quote(user, recipient.address(), HUNDRED_USDC);

        String tx = Swaps.send(Swaps.SOURCE, PAYER, LocalContracts.ESCROW,
                Swaps.depositCalldata(quote.getJsonObject("deposit").getString("quoteRef"), BigInteger.valueOf(1_000)));

        assertRefunded(user, quote, tx, "UNDERPAID", recipient);
    }

    @Test
    void aPaymentAfterTheQuoteExpiredGoesToRefund() throws Exception {
        TestWallet recipient = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(recipient);
        JsonObject quote = Swaps.quote(user, recipient.address(), HUNDRED_USDC);
        String quoteId = quote.getString("id");
        // The quote's lifetime passes (the harness's expiry job has no grace): moved back in time, not waited for.
        sql("UPDATE quotes.quotes SET created_at = created_at - interval '10 minutes', "
                + "expires_at = now() - interval '1 minute' WHERE id = ?::uuid", quoteId);
        Swaps.awaitStatus(user, quoteId, "EXPIRED", WAIT);

        JsonObject deposit = quote.getJsonObject("deposit");
        String tx = Swaps.send(Swaps.SOURCE, PAYER, EvmAddress.parse(deposit.getString("escrow")),
                deposit.getString("calldata"));

        assertRefunded(user, quote, tx, "QUOTE_EXPIRED", recipient);
    }

    @Test
    void aPaymentTheTreasuryCannotCoverIsRefusedAndRefundedWithNothingReserved() throws Exception {
        TestWallet recipient = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(recipient);
        JsonObject quote = Swaps.quote(user, recipient.address(), HUNDRED_USDC);
        BigInteger amountOut = new BigInteger(quote.getString("amountOut"));
        String reservedBefore = treasuryReservations();

        // The operator moves almost all WETH out of the escrow on 31338 (a refund to the token owner), leaving less
        // than the quote pays out; it is minted back afterwards for the other tests.
        BigInteger held = Swaps.balance(Swaps.DESTINATION, LocalContracts.WETH,
                LocalContracts.ESCROW.toChecksumString());
        BigInteger drained = held.subtract(amountOut).add(BigInteger.ONE);
        Swaps.send(Swaps.DESTINATION, LocalContracts.OPERATOR, LocalContracts.ESCROW, FunctionEncoder.encode(
                new Function("refund", List.of(new Bytes32(randomBytes32()),
                        new Address(LocalContracts.WETH.toChecksumString()),
                        new Address(LocalContracts.TOKEN_OWNER.getAddress()), new Uint256(drained)), List.of())));
        try {
            JsonObject deposit = quote.getJsonObject("deposit");
            String tx = Swaps.send(Swaps.SOURCE, PAYER, EvmAddress.parse(deposit.getString("escrow")),
                    deposit.getString("calldata"));

            assertRefunded(user, quote, tx, "TREASURY_LOW", recipient);
            assertThat(treasuryReservations()).isEqualTo(reservedBefore);
            assertThat(TestEnvironment.queryNumber(
                    "SELECT count(*) FROM risk.reservations WHERE quote_id = ?::uuid", quote.getString("id")))
                    .isZero();
            assertThat(TestEnvironment.queryNumber(
                    "SELECT count(*) FROM risk.counters WHERE kind = 'user-daily' AND scope = ?",
                    user.userId())).isZero();
        } finally {
            LocalContracts.mint(Swaps.DESTINATION, LocalContracts.WETH, LocalContracts.ESCROW, drained);
        }
    }

    private static void assertRefunded(SignInClient.Session user, JsonObject quote, String depositTx, String reason,
                                       TestWallet recipient) throws Exception {
        assertThat(Swaps.awaitDepositState(depositTx, WAIT)).isEqualTo("REFUND_PENDING " + reason);
        JsonObject refunding = Swaps.awaitStatus(user, quote.getString("id"), "REFUNDING", WAIT);
        assertThat(refunding.getJsonObject("execution").getString("reason")).isEqualTo(reason);
        assertThat(wethBalance(recipient)).isZero();
    }

    private static BigInteger wethBalance(TestWallet holder) throws Exception {
        return Swaps.balance(Swaps.DESTINATION, LocalContracts.WETH, holder.address());
    }

    /** The liquidity reserved per chain and token, as text: what a refused commit must leave as it was. */
    private static String treasuryReservations() throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT coalesce(string_agg(t::text, ';' ORDER BY t::text), '') FROM risk.treasury_reserved t");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    private static void sql(String statement, String parameter) throws Exception {
        try (Connection db = TestEnvironment.database(); PreparedStatement update = db.prepareStatement(statement)) {
            update.setString(1, parameter);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static byte[] randomBytes32() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
