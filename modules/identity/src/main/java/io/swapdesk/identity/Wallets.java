package io.swapdesk.identity;

import io.swapdesk.platform.DomainException;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The verified wallets of users, for modules that pay out to them. */
public interface Wallets {

    /** The user's verified wallets, oldest first. */
    List<VerifiedWallet> of(UserId user);

    /**
     * The claims that hold, of any number of users, in one read: for a caller that checks many requests at once.
     * A wallet verified for another user than the one claimed does not hold.
     */
    Set<WalletClaim> verified(Collection<WalletClaim> claims);

    /**
     * Refuses a recipient that is not one of {@code user}'s verified wallets: a quote must never pay
     * out to an address its owner has not proven to hold.
     *
     * @throws DomainException {@link IdentityError#RECIPIENT_NOT_VERIFIED}
     */
    void requireVerified(UserId user, WalletAddress recipient);
}
