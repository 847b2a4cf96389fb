package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A transaction signed and ready to broadcast. Broadcasting the same {@link #raw()} bytes again is idempotent: it is
 * the same transaction, with the same {@link #hash()}, and can be included once at most. Store it before the first
 * broadcast, and a retry never needs to sign anything new.
 *
 * @param chain the chain it is signed for (EIP-155 replay protection)
 * @param from  the signer's address
 * @param nonce the signer's nonce it takes
 * @param fees  its fee caps
 * @param raw   the signed, encoded transaction ({@code eth_sendRawTransaction}'s argument)
 * @param hash  its hash, {@code 0x} + 64 lower-case hex digits
 */
public record SignedTransaction(ChainId chain, EvmAddress from, BigInteger nonce, Fees fees, byte[] raw, String hash) {

    public SignedTransaction {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(fees, "fees");
        raw = Objects.requireNonNull(raw, "raw").clone();
        hash = TransactionHashes.require(hash);
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw bytes as {@code 0x} hex. */
    public String rawHex() {
        return "0x" + HexFormat.of().formatHex(raw);
    }

    @Override
    public String toString() {
        return "SignedTransaction[chain=" + chain + ", from=" + from + ", nonce=" + nonce + ", hash=" + hash + "]";
    }
}
