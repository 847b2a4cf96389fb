package io.swapdesk.quotes.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.identity.Wallets;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.platform.Rounding;
import io.swapdesk.quotes.QuoteStatus;
import io.swapdesk.quotes.QuotesError;
import io.swapdesk.risk.Capacity;
import io.swapdesk.risk.LimitKind;
import io.swapdesk.risk.RiskError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes and reads quotes. Creation prices from memory without a chain call, then hands the quote to the
 * {@link QuoteWriter}, which checks the recipient, claims the idempotency key and inserts the quote in a transaction
 * it shares with other requests' quotes; a key used before answers its stored quote instead. A request the pricing
 * refuses writes nothing, and is answered as a replay when its key was used ({@link QuoteChecks}). (A refused
 * recipient is asked again through {@link Wallets#requireVerified}, which words the refusal.)
 */
@ApplicationScoped
class QuoteService {

    static final int MAX_KEY_LENGTH = 200;

    @Inject
    QuoteStore store;

    @Inject
    QuoteChecks checks;

    @Inject
    QuoteWriter writer;

    @Inject
    AssetCatalog catalog;

    @Inject
    Pricer pricer;

    @Inject
    Wallets wallets;

    @Inject
    Chains chains;

    @Inject
    Capacity capacity;

    @Inject
    QuotesSettings settings;

    @Inject
    Clock clock;

    /**
     * A quote answered for a request: made now (with its price snapshot as built), or made earlier for the same
     * idempotency key.
     */
    record Answer(Quote quote, boolean created, Optional<JsonObject> price) {
    }

    private record Made(Quote quote, JsonObject price) {
    }

    Answer create(UserId user, String idempotencyKey, JsonValue body) {
        String key = requireKey(idempotencyKey);
        QuoteRequest request = QuoteRequest.read(body, catalog);
        byte[] hash = request.hash();
        WalletAddress recipient = new WalletAddress(ChainFamily.EVM, request.recipient().toChecksumString());
        Made made;
        try {
            made = price(user, request);
        } catch (DomainException refused) {
            return answerRefused(user, key, hash, recipient, refused);
        }
        QuoteWriter.Request write = new QuoteWriter.Request(made.quote(), key, hash, recipient);
        for (int attempt = 1; ; attempt++) {
            switch (writer.write(write)) {
                case QuoteStore.Created created -> {
                    return new Answer(made.quote(), true, Optional.of(made.price()));
                }
                case QuoteStore.KeyUsed used -> {
                    return replay(used.used(), hash);
                }
                case QuoteStore.RecipientNotVerified notVerified -> {
                    // Words the refusal; when the wallet was verified just now, the quote is written again, once.
                    wallets.requireVerified(user, recipient);
                    if (attempt == 2) {
                        throw new IllegalStateException("recipient verified and refused in turn: " + recipient);
                    }
                }
            }
        }
    }

    /**
     * A request the pricing refused is still answered like any other whose key was used before: the stored quote
     * (or 422 for another request under the key); then a recipient that is not verified is refused before the price.
     */
    private Answer answerRefused(UserId user, String key, byte[] hash, WalletAddress recipient,
                                 DomainException refused) {
        QuoteChecks.Found found = checks.before(user, key, recipient);
        if (found.usedKey().isPresent()) {
            return replay(found.usedKey().get(), hash);
        }
        if (!found.recipientVerified()) {
            wallets.requireVerified(user, recipient);
        }
        throw refused;
    }

    Optional<Quote> find(UUID id) {
        return store.find(id);
    }

    List<Quote> page(UserId user, Optional<QuoteStatus> status, Optional<UUID> before, int limit) {
        return store.page(user.value(), status, before, limit);
    }

    private Answer replay(QuoteStore.UsedKey used, byte[] hash) {
        if (!MessageDigest.isEqual(used.requestHash(), hash)) {
            throw new DomainException(PlatformError.UNPROCESSABLE, "this Idempotency-Key was used for another quote "
                    + "request; a key stands for one request: send a new key for a new request",
                    Map.of("field", "Idempotency-Key"));
        }
        return new Answer(store.find(used.quoteId()).orElseThrow(), false, Optional.empty());
    }

    private Made price(UserId user, QuoteRequest request) {
        ServedAsset from = request.from();
        ServedAsset to = request.to();
        Pricer.Priced rate = pricer.price(from.pricingSymbol(), to.pricingSymbol());
        Pricer.Priced usd = pricer.price(from.pricingSymbol(), "USD");
        BigInteger usdCents = QuoteMath.usdCents(request.amountIn(), from.decimals(), usd.price(), usd.inverted());
        BigInteger minimumCents = settings.minNotionalUsd().movePointRight(2).setScale(0, RoundingMode.UP)
                .toBigIntegerExact();
        QuoteMath.Conversion conversion = QuoteMath.quote(request.amountIn(), from.decimals(), to.decimals(),
                rate.price(), rate.inverted(), settings.feeBps(), settings.slippageBps());
        if (usdCents.compareTo(minimumCents) < 0 || conversion.minAmountOut().signum() <= 0) {
            BigInteger minimumUnits = QuoteMath.convert(minimumCents, 2, from.decimals(), usd.price(),
                    !usd.inverted(), Rounding.UP);
            throw new DomainException(QuotesError.AMOUNT_TOO_SMALL, "the smallest quote is worth "
                    + settings.minNotionalUsd().toPlainString() + " USD, now about " + minimumUnits + " base units of "
                    + from.symbol() + "; this one is worth " + new BigDecimal(usdCents, 2).toPlainString() + " USD",
                    Map.of("field", "from.amount", "minimum", minimumUnits.toString()));
        }
        BigInteger perQuote = capacity.defaultLimits().get(LimitKind.PER_QUOTE);
        if (usdCents.compareTo(perQuote) > 0) {
            throw new DomainException(RiskError.LIMIT_EXCEEDED, "the largest quote is worth "
                    + new BigDecimal(perQuote, 2).toPlainString() + " USD; this one is worth "
                    + new BigDecimal(usdCents, 2).toPlainString() + " USD: split it", Map.of("field", "from.amount",
                    "limit", LimitKind.PER_QUOTE.wireName()));
        }
        EvmAddress escrow = chains.escrow(from.chain()).orElseThrow(() -> new DomainException(
                QuotesError.UNSUPPORTED_ASSET, "chain " + from.chain() + " has no escrow to pay into configured here "
                + "(chains.escrows)", Map.of("field", "from.chainId")));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration ttl = QuoteMath.ttl(rate.price(), rate.confidence(), settings.ttlMax(), settings.ttlMin(),
                settings.ttlWidestConfidence());
        JsonObject snapshot = Jsonp.createObjectBuilder(pricer.provenance(rate))
                .add("relativeConfidence", QuoteMath.relativeConfidence(rate.price(), rate.confidence()).toPlainString())
                .add("usd", pricer.provenance(usd))
                .add("notionalUsd", new BigDecimal(usdCents, 2).stripTrailingZeros().toPlainString())
                .add("thresholds", Jsonp.createObjectBuilder()
                        .add("feeBps", settings.feeBps())
                        .add("slippageBps", settings.slippageBps())
                        .add("minNotionalUsd", settings.minNotionalUsd().toPlainString())
                        .add("ttlMaxSeconds", settings.ttlMax().toSeconds())
                        .add("ttlMinSeconds", settings.ttlMin().toSeconds())
                        .add("ttlWidestConfidence", settings.ttlWidestConfidence().toPlainString())
                        .add("ttlSeconds", ttl.toSeconds()))
                .build();
        return new Made(new Quote(Ids.newId(), user.value(), QuoteStatus.PENDING, QuotedAsset.of(from),
                QuotedAsset.of(to), request.recipient(), request.amountIn(), conversion.amountOut(),
                conversion.minAmountOut(), conversion.fee(), usdCents, snapshot.toString(), escrow, now, now.plus(ttl),
                Quote.Execution.none(now)), snapshot);
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new DomainException(PlatformError.INVALID_REQUEST, "send an Idempotency-Key header: a new unique "
                    + "string for each quote request (e.g. a UUID); retrying with the same key answers the same quote",
                    Map.of("field", "Idempotency-Key"));
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new DomainException(PlatformError.INVALID_REQUEST, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (no spaces), e.g. a UUID", Map.of("field", "Idempotency-Key"));
        }
        return key;
    }
}
