package io.swapdesk.quotes;

import io.swapdesk.platform.ErrorCode;

/**
 * The expected failures of quoting and of a quote's transitions. The commit refusals are the fixed list of reasons a
 * paid quote can be refused for (DESIGN §9), together with the risk module's {@code LIMIT_EXCEEDED} and
 * {@code TREASURY_LOW}. Stable API: add constants, never rename or remove one (see {@link ErrorCode}).
 */
public enum QuotesError implements ErrorCode {
    /** No such quote, or not one of the caller's. */
    QUOTE_NOT_FOUND(404, "Quote not found"),
    /** The chain or asset is not one SwapDesk quotes ({@code GET /api/assets} lists them). */
    UNSUPPORTED_ASSET(422, "Unsupported asset"),
    /** The quote would swap an asset for itself on the same chain. */
    SAME_ASSET(422, "Same asset"),
    /** The amount is below the smallest quoted amount (a refund would eat most of it). */
    AMOUNT_TOO_SMALL(422, "Amount too small"),
    /** The deposit came after the quote's lifetime. */
    QUOTE_EXPIRED(422, "Quote expired"),
    /** The deposit is smaller than the quote's amountIn. */
    UNDERPAID(422, "Underpaid"),
    /** The deposit is of another token or on another chain than the quote asks for. */
    WRONG_ASSET(422, "Wrong asset"),
    /** The quote was committed already (or is past committing): a second deposit is refunded. */
    ALREADY_COMMITTED(409, "Already committed"),
    /** The quote is not in a state this transition starts from. */
    INVALID_TRANSITION(409, "Invalid transition");

    private final int status;
    private final String title;

    QuotesError(int status, String title) {
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
