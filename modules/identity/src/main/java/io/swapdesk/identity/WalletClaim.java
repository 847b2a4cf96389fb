package io.swapdesk.identity;

import java.util.Objects;

/** That {@code wallet} is one of {@code user}'s verified wallets: true or not, as {@link Wallets#verified} says. */
public record WalletClaim(UserId user, WalletAddress wallet) {

    public WalletClaim {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(wallet, "wallet");
    }
}
