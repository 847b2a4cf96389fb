package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.VerifiedWallet;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.identity.WalletClaim;
import io.swapdesk.identity.Wallets;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
class JpaWallets implements Wallets {

    @Inject
    Accounts accounts;

    @Override
    public List<VerifiedWallet> of(UserId user) {
        return accounts.walletsOf(user);
    }

    @Override
    public Set<WalletClaim> verified(Collection<WalletClaim> claims) {
        return claims.isEmpty() ? Set.of() : accounts.verified(claims);
    }

    @Override
    public void requireVerified(UserId user, WalletAddress recipient) {
        if (of(user).stream().noneMatch(wallet -> wallet.address().equals(recipient))) {
            throw new DomainException(IdentityError.RECIPIENT_NOT_VERIFIED, recipient.address()
                    + " is not one of your verified wallets: link it first (POST /api/me/wallets) by signing a "
                    + "challenge with it", Map.of("field", "recipient"));
        }
    }
}
