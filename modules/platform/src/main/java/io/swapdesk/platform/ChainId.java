package io.swapdesk.platform;

import io.swapdesk.platform.internal.Inputs;

/**
 * An EIP-155 chain id, e.g. 1 for Ethereum mainnet, 137 for Polygon PoS.
 *
 * <p>Range 1 ..= {@value #MAX_VALUE}. EIP-2294 would allow ids up to floor(MAX_UINT64 / 2) - 36, but
 * we use the tighter bound MetaMask and its signing libraries enforce (MAX_SAFE_CHAIN_ID: the
 * EIP-155 {@code v = 2 * chainId + 35 + parity} must stay a JavaScript safe integer), because our
 * users sign in browser wallets; a chain they cannot sign for is useless to the desk.
 */
public record ChainId(long value) {

    public static final long MAX_VALUE = 4_503_599_627_370_476L;
    private static final int MAX_DIGITS = 16;
    private static final String FORMAT =
            "chain id must be a decimal number from 1 to " + MAX_VALUE + ", digits only (no hex, sign or spaces)";

    public ChainId {
        if (value < 1 || value > MAX_VALUE) {
            throw invalid(FORMAT + "; got " + value);
        }
    }

    public static ChainId of(long value) {
        return new ChainId(value);
    }

    /** Reads the decimal form, e.g. {@code "137"}; {@code 0|[1-9][0-9]*}, at most 16 digits. */
    public static ChainId parse(String text) {
        if (text == null) {
            throw invalid("chain id is required: " + FORMAT);
        }
        // Length first: the digit scan and parse only ever see at most 16 characters.
        if (text.length() > MAX_DIGITS || !Inputs.isCanonicalDigits(text, 0, text.length())) {
            throw invalid(FORMAT + "; got " + Inputs.quote(text));
        }
        return new ChainId(Long.parseLong(text));
    }

    /** The plain decimal number, e.g. {@code "137"}. */
    @Override
    public String toString() {
        return Long.toString(value);
    }

    private static DomainException invalid(String detail) {
        return new DomainException(PlatformError.INVALID_CHAIN_ID, detail);
    }
}
