package io.swapdesk.identity;

import io.swapdesk.platform.ErrorCode;

/**
 * The expected failures of sign-in, wallets and roles. Stable API: add constants, never rename or
 * remove one (see {@link ErrorCode}).
 */
public enum IdentityError implements ErrorCode {
    /** The chain id is not one this deployment signs in on for that family. */
    UNSUPPORTED_CHAIN(422, "Unsupported chain"),
    /** A well-formed address that cannot be verified here, e.g. a NEAR named account. */
    UNSUPPORTED_ACCOUNT(422, "Unsupported account"),
    /** The message is not a sign-in message this server issued. */
    INVALID_MESSAGE(400, "Invalid sign-in message"),
    /** The message names another domain or URI than this deployment. */
    WRONG_DOMAIN(422, "Message for another site"),
    /** The message names another chain than the challenge. */
    WRONG_CHAIN(422, "Message for another chain"),
    /** No challenge with this nonce exists (never issued, or purged after expiry). */
    UNKNOWN_CHALLENGE(422, "Unknown challenge"),
    /** The challenge expired before it was used. */
    CHALLENGE_EXPIRED(422, "Challenge expired"),
    /** The challenge was already used: every nonce signs in once. */
    CHALLENGE_USED(409, "Challenge already used"),
    /** The signature cannot be decoded or has the wrong length for the family. */
    MALFORMED_SIGNATURE(400, "Malformed signature"),
    /** The signature was not made by the address's key (or its contract wallet refused it). */
    INVALID_SIGNATURE(401, "Invalid signature"),
    /** The wallet already belongs to another user. */
    WALLET_OWNED_BY_ANOTHER_USER(409, "Wallet belongs to another user"),
    /** The caller has no verified wallet with this address. */
    WALLET_NOT_FOUND(404, "Wallet not found"),
    /** Removing the last wallet would leave the user unable to sign in. */
    LAST_WALLET(409, "Last wallet"),
    /** A quote's recipient must be one of the caller's verified wallets. */
    RECIPIENT_NOT_VERIFIED(422, "Recipient not verified"),
    /** No such user, or not one the caller may see. */
    USER_NOT_FOUND(404, "User not found"),
    /** The role cannot be changed this way (trader is everyone's; bootstrap admins come from configuration). */
    ROLE_NOT_CHANGEABLE(409, "Role not changeable"),
    /** Too many sign-in attempts from this address or IP; Retry-After says when to try again. */
    RATE_LIMITED(429, "Too many sign-in attempts"),
    /** The request needs a valid token (or the WebSocket an auth message) first. */
    NOT_SIGNED_IN(401, "Not signed in"),
    /** The token sent is expired, altered, or not issued by this server. */
    INVALID_TOKEN(401, "Invalid token"),
    /** The token is valid but lacks the role the route needs. */
    ROLE_REQUIRED(403, "Role required");

    private final int status;
    private final String title;

    IdentityError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
