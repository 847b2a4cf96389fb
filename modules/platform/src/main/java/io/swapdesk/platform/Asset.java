package io.swapdesk.platform;

import io.swapdesk.platform.internal.Inputs;

import java.util.Optional;

/**
 * Something the desk holds or moves on one chain: the chain's native coin (empty {@code token})
 * or an ERC-20 token at a contract address.
 *
 * <p>The symbol is for display (1-16 characters of {@code [A-Za-z0-9.-]}, e.g. {@code USDC.e});
 * identity is the chain plus the token address. The zero address is refused as a token so the
 * native coin has exactly one representation.
 */
public record Asset(ChainId chainId, String symbol, Optional<EvmAddress> token, int decimals) {

    public static final int MAX_SYMBOL_LENGTH = 16;

    public Asset {
        if (chainId == null) {
            throw invalid("asset chain id is required");
        }
        requireValidSymbol(symbol);
        if (token == null) {
            throw invalid("asset token is required: empty for the chain's native coin, or the token contract address");
        }
        if (token.filter(EvmAddress.ZERO::equals).isPresent()) {
            throw invalid("asset token must not be the zero address; use an empty token for the chain's native coin");
        }
        if (decimals < 0 || decimals > Amount.MAX_DECIMALS) {
            throw invalid("asset decimals must be between 0 and " + Amount.MAX_DECIMALS + "; got " + decimals);
        }
    }

    public static Asset nativeCoin(ChainId chainId, String symbol, int decimals) {
        return new Asset(chainId, symbol, Optional.empty(), decimals);
    }

    public static Asset token(ChainId chainId, String symbol, EvmAddress token, int decimals) {
        if (token == null) {
            throw invalid("asset token address is required; use nativeCoin for the chain's native coin");
        }
        return new Asset(chainId, symbol, Optional.of(token), decimals);
    }

    public boolean isNative() {
        return token.isEmpty();
    }

    /** Base units in the wire form (digits, e.g. {@code "1500000"}) as an amount of this asset. */
    public Amount amount(String units) {
        return Amount.parseUnits(units, decimals);
    }

    private static void requireValidSymbol(String symbol) {
        if (symbol == null) {
            throw invalid("asset symbol is required");
        }
        if (symbol.isEmpty() || symbol.length() > MAX_SYMBOL_LENGTH || !isSymbolText(symbol)) {
            throw invalid("asset symbol must be 1 to " + MAX_SYMBOL_LENGTH
                    + " characters of A-Z, a-z, 0-9, '.' and '-'; got " + Inputs.quote(symbol));
        }
    }

    private static boolean isSymbolText(String symbol) {
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!letter && !Inputs.isAsciiDigit(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static DomainException invalid(String detail) {
        return new DomainException(PlatformError.INVALID_ASSET, detail);
    }
}
