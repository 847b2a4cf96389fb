package io.swapdesk.identity.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Issues single-use sign-in challenges and finds them again by the nonce in a signed message. */
@ApplicationScoped
public class Challenges {

    private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** 24 characters of 62: about 143 bits, far beyond guessing. */
    private static final int NONCE_LENGTH = 24;

    private final SecureRandom random = new SecureRandom();

    @Inject
    IdentityStore store;

    @Inject
    IdentitySettings settings;

    @Inject
    Chains chains;

    @Inject
    Clock clock;

    /**
     * @param requestedChainId the chain the user signs in on; empty for the default (the first
     *                         configured EVM chain, or the family's configured network)
     */
    public IssuedChallenge issue(WalletAddress wallet, Optional<String> requestedChainId) {
        if (wallet.family() == ChainFamily.NEAR && AddressFormats.isNamedNearAccount(wallet.address())) {
            throw new DomainException(IdentityError.UNSUPPORTED_ACCOUNT, "named NEAR accounts such as "
                    + wallet.address() + " hold keys that only a NEAR node can list, and this deployment has none: "
                    + "sign in with the account's implicit (64 hex characters) address", Map.of("field", "address"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String nonce = newNonce();
        SignInMessage message = new SignInMessage(settings.domain(), wallet.family(), wallet.address(),
                SignInMessage.STATEMENT, settings.uri(), chainIdFor(wallet.family(), requestedChainId), nonce, now,
                now.plus(settings.challengeTtl()));
        UUID id = Ids.newId();
        store.saveChallenge(id, sha256(nonce), message);
        return new IssuedChallenge(id, message.render(), message.expiresAt());
    }

    /** The stored challenge whose nonce the message carries. */
    public Optional<StoredChallenge> find(SignInMessage message) {
        return store.findChallenge(sha256(message.nonce()));
    }

    private String chainIdFor(ChainFamily family, Optional<String> requested) {
        if (family != ChainFamily.EVM) {
            String network = settings.chainIdOf(family);
            if (requested.isPresent() && !requested.get().equals(network)) {
                throw unsupportedChain(family.displayName() + " sign-in is on chain " + network + "; got "
                        + Inputs.clip(requested.get()));
            }
            return network;
        }
        if (chains.configured().isEmpty()) {
            throw unsupportedChain("no EVM chain is configured on this server");
        }
        if (requested.isEmpty()) {
            return String.valueOf(chains.configured().iterator().next().value());
        }
        ChainId chain;
        try {
            chain = ChainId.parse(requested.get());
        } catch (DomainException e) {
            throw unsupportedChain("chainId must be a decimal EVM chain id such as 1 or 31337; got "
                    + Inputs.clip(requested.get()));
        }
        if (!chains.configured().contains(chain)) {
            throw unsupportedChain("chain " + chain.value() + " is not served here; served chains: " + chains.configured()
                    .stream().map(id -> String.valueOf(id.value())).collect(Collectors.joining(", ")));
        }
        return String.valueOf(chain.value());
    }

    private String newNonce() {
        StringBuilder nonce = new StringBuilder(NONCE_LENGTH);
        for (int i = 0; i < NONCE_LENGTH; i++) {
            nonce.append(NONCE_ALPHABET.charAt(random.nextInt(NONCE_ALPHABET.length())));
        }
        return nonce.toString();
    }

    static byte[] sha256(String nonce) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static DomainException unsupportedChain(String detail) {
        return new DomainException(IdentityError.UNSUPPORTED_CHAIN, detail, Map.of("field", "chainId"));
    }

    /** What the client signs, and until when. */
    public record IssuedChallenge(UUID challengeId, String message, Instant expiresAt) {
    }
}
