package io.swapdesk.quotes.internal;

import io.swapdesk.identity.UserId;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.identity.Wallets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * The reads a quote request needs before it is priced — has its idempotency key been used, is its recipient one of
 * the caller's verified wallets — in one transaction instead of one each. Answers rather than throws, so that a
 * refusal never crosses the transaction's boundary.
 */
@ApplicationScoped
class QuoteChecks {

    @Inject
    QuoteStore store;

    @Inject
    Wallets wallets;

    /** What the database says about a request before it is priced. */
    record Found(Optional<QuoteStore.UsedKey> usedKey, boolean recipientVerified) {
    }

    /** The wallets are read only when the key is new: a replay answers the stored quote whatever they are now. */
    @Transactional
    Found before(UserId user, String key, WalletAddress recipient) {
        Optional<QuoteStore.UsedKey> used = store.findKey(user.value(), key);
        if (used.isPresent()) {
            return new Found(used, true);
        }
        return new Found(used, wallets.of(user).stream().anyMatch(wallet -> wallet.address().equals(recipient)));
    }
}
