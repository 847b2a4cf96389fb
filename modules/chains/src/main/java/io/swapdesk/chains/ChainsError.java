package io.swapdesk.chains;

import io.swapdesk.platform.ErrorCode;

/**
 * The expected failures of the chains module. Stable API: add constants, never rename or remove
 * one (see {@link ErrorCode}).
 */
public enum ChainsError implements ErrorCode {
    /** The chain id is not among {@code chains.endpoints}: a client or configuration mistake. */
    UNKNOWN_CHAIN(404, "Unknown chain"),
    /**
     * The chain's RPC endpoint did not answer in time, answered with an error, or serves another
     * chain id than configured. Usually temporary; the detail says which it was.
     */
    CHAIN_UNAVAILABLE(503, "Chain unavailable"),
    /** A read-only contract call reverted: the contract refused the input, or is not the contract expected. */
    CALL_REVERTED(422, "Contract call reverted");

    private final int status;
    private final String title;

    ChainsError(int status, String title) {
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
