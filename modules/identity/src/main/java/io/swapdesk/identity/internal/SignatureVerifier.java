package io.swapdesk.identity.internal;

import io.swapdesk.chains.EvmSignatures;
import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Decides whether a wallet signed a sign-in message: EIP-191 {@code personal_sign} recovery for EVM
 * keys, EIP-1271 for EVM contract wallets, and the JDK's Ed25519 over the message's UTF-8 bytes for
 * Solana, Stellar and NEAR implicit accounts.
 *
 * <p>Signatures are accepted as {@code 0x} + hex, or base64 (standard or URL-safe, padding optional).
 * They never appear in a log line or an error.
 */
@ApplicationScoped
public class SignatureVerifier {

    /** EIP-1271 signatures can be long (multisigs); nothing legitimate comes near this. */
    static final int MAX_SIGNATURE_BYTES = 4096;
    private static final int ED25519_SIGNATURE_LENGTH = 64;
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final EvmSignatures evmSignatures;

    /** For the CDI client proxy only. */
    protected SignatureVerifier() {
        this.evmSignatures = null;
    }

    @Inject
    public SignatureVerifier(EvmSignatures evmSignatures) {
        this.evmSignatures = evmSignatures;
    }

    /**
     * @param chainId for EVM, the chain a contract wallet is asked on
     * @throws DomainException {@link IdentityError#MALFORMED_SIGNATURE} or {@link IdentityError#INVALID_SIGNATURE}
     */
    public void verify(WalletAddress wallet, String chainId, String message, String encodedSignature) {
        byte[] signature = decode(encodedSignature);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        boolean valid = wallet.family() == ChainFamily.EVM
                ? verifyEvm(EvmAddress.parse(wallet.address()), ChainId.parse(chainId), text, signature)
                : verifyEd25519(AddressFormats.ed25519PublicKey(wallet.family(), wallet.address()), text, signature);
        if (!valid) {
            throw new DomainException(IdentityError.INVALID_SIGNATURE, "the signature was not made by " + wallet.address()
                    + " over this message: sign the challenge's message exactly as issued, with the key of that address",
                    Map.of("field", "signature"));
        }
    }

    private boolean verifyEvm(EvmAddress claimed, ChainId chain, byte[] message, byte[] signature) {
        if (evmSignatures.recoverPersonalSigner(message, signature).filter(claimed::equals).isPresent()) {
            return true;
        }
        // Not the address's own key: a contract wallet may still vouch for the signature (EIP-1271).
        return evmSignatures.isValidContractSignature(chain, claimed, message, signature);
    }

    private static boolean verifyEd25519(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature.length != ED25519_SIGNATURE_LENGTH) {
            throw malformed("an Ed25519 signature is 64 bytes; got " + signature.length);
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(ed25519Key(publicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A key that is no curve point, or a signature the JDK cannot decode: not a valid signature.
            return false;
        }
    }

    private static PublicKey ed25519Key(byte[] raw) throws GeneralSecurityException {
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    static byte[] decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw malformed("signature is required");
        }
        if (encoded.length() > 2 * MAX_SIGNATURE_BYTES + 2) {
            throw malformed("signature is " + encoded.length() + " characters; at most " + MAX_SIGNATURE_BYTES
                    + " bytes are accepted");
        }
        byte[] bytes;
        if (encoded.startsWith("0x")) {
            try {
                bytes = HexFormat.of().parseHex(encoded, 2, encoded.length());
            } catch (IllegalArgumentException e) {
                throw malformed("a 0x signature needs an even number of hex characters after 0x");
            }
        } else {
            try {
                String standard = encoded.replace('-', '+').replace('_', '/');
                bytes = Base64.getDecoder().decode(standard);
            } catch (IllegalArgumentException e) {
                throw malformed("signature must be 0x followed by hex, or base64");
            }
        }
        if (bytes.length == 0 || bytes.length > MAX_SIGNATURE_BYTES) {
            throw malformed("signature must be 1 to " + MAX_SIGNATURE_BYTES + " bytes; got " + bytes.length);
        }
        return bytes;
    }

    private static DomainException malformed(String detail) {
        return new DomainException(IdentityError.MALFORMED_SIGNATURE, detail, Map.of("field", "signature"));
    }
}
