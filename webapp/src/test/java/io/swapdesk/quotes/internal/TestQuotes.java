package io.swapdesk.quotes.internal;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.quotes.QuoteStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * In-container tests only: PENDING quotes as quote creation stores them, without the HTTP round and the prices, for
 * the commit tests: 100 USDC on chain 31337 for 0.04985 WETH on chain 31338, worth 100 USD.
 */
@ApplicationScoped
public class TestQuotes {

    public static final ChainId SOURCE = ChainId.of(31337);
    public static final ChainId DESTINATION = ChainId.of(31338);
    public static final EvmAddress USDC = EvmAddress.parse("0x8464135c8F25Da09e49BC8782676a84730C318bC");
    public static final EvmAddress WETH = EvmAddress.parse("0x71C95911E9a5D330f4D621842EC243EE1343292e");
    public static final EvmAddress ESCROW = EvmAddress.parse("0xbdEd0D2bf404bdcBa897a74E6657f1f12e5C6fb6");
    public static final BigInteger AMOUNT_IN = BigInteger.valueOf(100_000_000L);
    public static final BigInteger AMOUNT_OUT = new BigInteger("49850000000000000");
    public static final BigInteger MIN_AMOUNT_OUT = new BigInteger("49600750000000000");
    public static final BigInteger USD_CENTS = BigInteger.valueOf(10_000);

    @Inject
    QuoteStore store;

    /** A PENDING quote of {@code user} that expires {@code ttlSeconds} from now. */
    @Transactional
    public UUID pendingFor(UUID user, long ttlSeconds) {
        Instant now = Instant.now();
        UUID id = Ids.newId();
        store.insert(new Quote(id, user, QuoteStatus.PENDING,
                new QuotedAsset(SOURCE, "USDC", USDC, 6), new QuotedAsset(DESTINATION, "WETH", WETH, 18),
                EvmAddress.parse("0x" + "12".repeat(20)), AMOUNT_IN, AMOUNT_OUT, MIN_AMOUNT_OUT,
                new BigInteger("150000000000000"), USD_CENTS, "{\"pair\":\"USDC-ETH\",\"price\":\"0.0005\"}", ESCROW,
                now, now.plusSeconds(ttlSeconds), Quote.Execution.none(now)));
        return id;
    }

    @Inject
    QuoteWriter writer;

    /**
     * Writes, as one group of the quote writer, a PENDING quote of {@code user} paid out to {@code recipient} under
     * each of {@code keys}; a key in {@code unstorable} gets a quote the database refuses (a token of 99 decimals,
     * which no ERC-20 has and the table's check forbids). Answers per key: {@code created}, {@code key used},
     * {@code recipient not verified}, or {@code failed: <exception>}.
     */
    public List<String> writeGroup(UUID user, EvmAddress recipient, List<String> keys, Set<String> unstorable) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<QuoteWriter.Request> requests = keys.stream().map(key -> new QuoteWriter.Request(new Quote(Ids.newId(),
                user, QuoteStatus.PENDING, new QuotedAsset(SOURCE, "USDC", USDC, unstorable.contains(key) ? 99 : 6),
                new QuotedAsset(DESTINATION, "WETH", WETH, 18), recipient, AMOUNT_IN, AMOUNT_OUT, MIN_AMOUNT_OUT,
                new BigInteger("150000000000000"), USD_CENTS, "{\"pair\":\"USDC-ETH\",\"price\":\"0.0005\"}", ESCROW,
                now, now.plusSeconds(120), Quote.Execution.none(now)), key, new byte[32],
                new WalletAddress(ChainFamily.EVM, recipient.toChecksumString()))).toList();
        return writer.writeAsGroup(requests).stream().map(answer -> {
            try {
                return switch (answer.join()) {
                    case QuoteStore.Created created -> "created";
                    case QuoteStore.KeyUsed used -> "key used";
                    case QuoteStore.RecipientNotVerified notVerified -> "recipient not verified";
                };
            } catch (CompletionException e) {
                return "failed: " + e.getCause();
            }
        }).toList();
    }

    public Instant expiresAt(UUID quote) {
        return store.find(quote).orElseThrow().expiresAt();
    }
}
