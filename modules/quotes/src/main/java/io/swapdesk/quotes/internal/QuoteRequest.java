package io.swapdesk.quotes.internal;

import io.swapdesk.platform.Amount;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.quotes.QuotesError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * A quote request as read from {@code POST /api/quotes}: {@code {from: {chainId, asset, amount}, to: {chainId,
 * asset}, recipient}}, checked field by field with problems that name the field.
 */
record QuoteRequest(ServedAsset from, ServedAsset to, BigInteger amountIn, EvmAddress recipient) {

    static final String EXAMPLE = "{\"from\": {\"chainId\": 31337, \"asset\": \"USDC\", \"amount\": \"100000000\"}, "
            + "\"to\": {\"chainId\": 31338, \"asset\": \"WETH\"}, \"recipient\": \"0x…\"}";

    static QuoteRequest read(JsonValue body, AssetCatalog catalog) {
        if (!(body instanceof JsonObject object)) {
            throw invalid("body", "the body must be a JSON object, e.g. " + EXAMPLE);
        }
        JsonObject from = requireObject(object, "from");
        JsonObject to = requireObject(object, "to");
        ServedAsset source = catalog.require(chain(from, "from.chainId"), requireString(from, "asset", "from.asset"),
                "from.asset");
        ServedAsset destination = catalog.require(chain(to, "to.chainId"), requireString(to, "asset", "to.asset"),
                "to.asset");
        if (source.equals(destination)) {
            throw new DomainException(QuotesError.SAME_ASSET, "from and to are both " + source.symbol() + " on chain "
                    + source.chain() + ": choose another asset or chain to receive", Map.of("field", "to"));
        }
        BigInteger amount;
        try {
            amount = Amount.parseUnits(requireString(from, "amount", "from.amount"), source.decimals()).units();
        } catch (DomainException e) {
            throw new DomainException(e.code(), e.detail() + " (base units of " + source.symbol() + ", which has "
                    + source.decimals() + " decimals)", Map.of("field", "from.amount"));
        }
        EvmAddress recipient;
        try {
            recipient = EvmAddress.parse(requireString(object, "recipient", "recipient"));
        } catch (DomainException e) {
            throw new DomainException(e.code(), e.detail(), Map.of("field", "recipient"));
        }
        return new QuoteRequest(source, destination, amount, recipient);
    }

    /** SHA-256 of the request's canonical form: the same request however it was spelled (whitespace, case). */
    byte[] hash() {
        String canonical = String.join("|", from.chain().toString(), from.token().toChecksumString(),
                amountIn.toString(), to.chain().toString(), to.token().toChecksumString(),
                recipient.toChecksumString());
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ChainId chain(JsonObject object, String field) {
        JsonValue value = object.get("chainId");
        String text = switch (value) {
            case null -> throw invalid(field, field + " is required, e.g. 31337");
            case JsonNumber number when number.isIntegral() -> number.bigIntegerValue().toString();
            case JsonString string -> string.getString();
            default -> throw invalid(field, field + " must be a chain id, a whole number such as 31337");
        };
        try {
            return ChainId.parse(text);
        } catch (DomainException e) {
            throw new DomainException(e.code(), e.detail(), Map.of("field", field));
        }
    }

    private static JsonObject requireObject(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw invalid(field, (value == null ? field + " is required" : field + " must be an object")
                + ", e.g. " + EXAMPLE);
    }

    private static String requireString(JsonObject object, String name, String field) {
        JsonValue value = object.get(name);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw invalid(field, field + " is required");
        }
        throw invalid(field, field + " must be a string" + (name.equals("amount")
                ? " of base units, e.g. \"100000000\" for 100 of a 6-decimal token" : ""));
    }

    private static DomainException invalid(String field, String detail) {
        return new DomainException(PlatformError.INVALID_REQUEST, detail, Map.of("field", field));
    }
}
