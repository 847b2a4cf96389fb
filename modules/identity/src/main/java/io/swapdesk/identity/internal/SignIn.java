package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Proves that the caller holds a wallet, from a signed challenge, and then signs in or links the
 * wallet. The checks run cheapest first; the signature (perhaps a chain call for a contract wallet)
 * comes last, and the challenge is consumed only in the transaction that uses it.
 */
@ApplicationScoped
public class SignIn {

    @Inject
    Challenges challenges;

    @Inject
    SignatureVerifier signatures;

    @Inject
    Accounts accounts;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    IdentitySettings settings;

    @Inject
    SignInMetrics metrics;

    @Inject
    Clock clock;

    /** Signs in as the wallet's owner (a new user on its first sign-in). */
    public UserId signIn(String message, String signature, String clientIp) {
        return counted(() -> {
            Proof proof = prove(message, signature, clientIp);
            return accounts.signIn(proof.challenge().id(), proof.challenge().wallet())
                    .orElseThrow(Accounts::challengeUsed);
        });
    }

    /** Adds the signed wallet to {@code user}'s wallets. */
    public WalletAddress link(UserId user, String message, String signature, String clientIp) {
        return counted(() -> {
            Proof proof = prove(message, signature, clientIp);
            WalletAddress wallet = proof.challenge().wallet();
            switch (accounts.link(proof.challenge().id(), wallet, user)) {
                case LINKED -> { }
                case CHALLENGE_USED -> throw Accounts.challengeUsed();
                case OWNED_BY_ANOTHER_USER -> throw new DomainException(IdentityError.WALLET_OWNED_BY_ANOTHER_USER,
                        Accounts.ownedMessage(wallet), Map.of("address", wallet.address()));
            }
            return wallet;
        });
    }

    private Proof prove(String text, String signature, String clientIp) {
        SignInMessage message = SignInMessage.parse(text);
        WalletAddress claimed = WalletAddress.parse(message.family(), message.address());
        rateLimiter.count("verify", clientIp, claimed);
        if (!message.domain().equals(settings.domain()) || !message.uri().equals(settings.uri())) {
            throw new DomainException(IdentityError.WRONG_DOMAIN, "the message is for " + Inputs.clip(message.domain())
                    + " (" + Inputs.clip(message.uri()) + "), not for " + settings.domain() + " (" + settings.uri()
                    + "): sign the message this site issued", Map.of("field", "message"));
        }
        StoredChallenge challenge = challenges.find(message).orElseThrow(() -> new DomainException(
                IdentityError.UNKNOWN_CHALLENGE, "no challenge with this nonce exists (it was never issued, or it "
                + "expired and was purged): ask for a new challenge", Map.of("field", "message")));
        if (!message.chainId().equals(challenge.chainId())) {
            throw new DomainException(IdentityError.WRONG_CHAIN, "the message names chain "
                    + Inputs.clip(message.chainId()) + " but the challenge was issued for chain " + challenge.chainId(),
                    Map.of("field", "message"));
        }
        if (!text.equals(challenge.message())) {
            throw new DomainException(IdentityError.INVALID_MESSAGE, "the message differs from the challenge "
                    + "issued with this nonce: sign and send it exactly as issued", Map.of("field", "message"));
        }
        if (challenge.consumed()) {
            throw Accounts.challengeUsed();
        }
        if (challenge.expiredAt(clock.instant())) {
            throw new DomainException(IdentityError.CHALLENGE_EXPIRED, "the challenge expired at "
                    + challenge.expiresAt() + ": ask for a new one and sign it within "
                    + settings.challengeTtl().toMinutes() + " minutes");
        }
        signatures.verify(challenge.wallet(), challenge.chainId(), text, signature);
        return new Proof(challenge);
    }

    private <T> T counted(Supplier<T> attempt) {
        try {
            T result = attempt.get();
            metrics.succeeded();
            return result;
        } catch (DomainException e) {
            metrics.failed(e.code().code());
            throw e;
        }
    }

    private record Proof(StoredChallenge challenge) {
    }
}
