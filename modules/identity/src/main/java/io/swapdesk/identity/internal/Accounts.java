package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.VerifiedWallet;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.identity.WalletClaim;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Users and their wallets, changed only after a verified signature. Each change is one transaction
 * that consumes the challenge together with what it authorises, so a replay finds it consumed.
 * Expected refusals come back as values, checked before anything is written, so that a refused
 * request changes nothing; only a lost race throws and rolls back.
 */
@ApplicationScoped
public class Accounts {

    @Inject
    IdentityStore store;

    @Inject
    IdentitySettings settings;

    @Inject
    Clock clock;

    /**
     * Signs in as the wallet's owner, creating the user on the wallet's first sign-in.
     *
     * @return empty when the challenge was already used (nothing written)
     */
    @Transactional
    public Optional<UserId> signIn(UUID challengeId, WalletAddress wallet) {
        Instant now = clock.instant();
        if (!store.consumeChallenge(challengeId, now)) {
            return Optional.empty();
        }
        return Optional.of(store.ownerOf(wallet).orElseGet(() -> {
            UserId created = store.createUser(now);
            if (store.linkWallet(wallet, created, now)) {
                return created;
            }
            // A concurrent first sign-in of the same wallet linked it first: sign in as that user.
            store.deleteUser(created);
            return store.ownerOf(wallet).orElseThrow();
        }));
    }

    /** Adds a wallet to a signed-in user; linking a wallet the user already has changes nothing. */
    @Transactional
    public LinkOutcome link(UUID challengeId, WalletAddress wallet, UserId user) {
        Optional<UserId> owner = store.ownerOf(wallet);
        if (owner.isPresent() && !owner.get().equals(user)) {
            return LinkOutcome.OWNED_BY_ANOTHER_USER;
        }
        Instant now = clock.instant();
        if (!store.consumeChallenge(challengeId, now)) {
            return LinkOutcome.CHALLENGE_USED;
        }
        if (store.linkWallet(wallet, user, now) || store.ownerOf(wallet).orElseThrow().equals(user)) {
            return LinkOutcome.LINKED;
        }
        // Another user linked it between the check and the insert: undo the consumption too.
        throw new DomainException(IdentityError.WALLET_OWNED_BY_ANOTHER_USER, ownedMessage(wallet));
    }

    @Transactional
    public List<VerifiedWallet> walletsOf(UserId user) {
        return store.walletsOf(user);
    }

    /** The claims that hold: each wallet verified for the user claimed. */
    public Set<WalletClaim> verified(Collection<WalletClaim> claims) {
        return store.owners(claims.stream().map(WalletClaim::wallet).toList()).entrySet().stream()
                .flatMap(owned -> claims.stream().filter(claim -> claim.wallet().equals(owned.getKey())
                        && claim.user().equals(owned.getValue())))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Removes one of the user's wallets, never the last one: the user could not sign in again. */
    @Transactional
    public UnlinkOutcome unlink(UserId user, WalletAddress wallet) {
        int wallets = store.lockWalletCount(user);
        if (store.walletsOf(user).stream().noneMatch(verified -> verified.address().equals(wallet))) {
            return UnlinkOutcome.NOT_FOUND;
        }
        if (wallets == 1) {
            return UnlinkOutcome.LAST_WALLET;
        }
        store.unlinkWallet(user, wallet);
        return UnlinkOutcome.REMOVED;
    }

    /** Trader for everyone, plus granted roles, plus admin when a wallet is a configured bootstrap admin. */
    @Transactional
    public Set<Role> rolesOf(UserId user) {
        Set<Role> roles = EnumSet.of(Role.TRADER);
        roles.addAll(store.grantedRoles(user));
        if (isBootstrapAdmin(user)) {
            roles.add(Role.ADMIN);
        }
        return roles;
    }

    @Transactional
    public boolean isBootstrapAdmin(UserId user) {
        return store.walletsOf(user).stream().anyMatch(wallet -> settings.bootstrapAdmins().contains(wallet.address()));
    }

    static String ownedMessage(WalletAddress wallet) {
        return wallet.address() + " is verified for another user; an address belongs to one user only: remove it "
                + "there first";
    }

    static DomainException challengeUsed() {
        return new DomainException(IdentityError.CHALLENGE_USED, "this challenge was already used: every challenge "
                + "signs in once; ask for a new one");
    }

    public enum LinkOutcome { LINKED, CHALLENGE_USED, OWNED_BY_ANOTHER_USER }

    public enum UnlinkOutcome { REMOVED, NOT_FOUND, LAST_WALLET }
}
