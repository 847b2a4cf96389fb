package io.swapdesk.it;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.WalletAddress;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A wallet whose key the test holds: an EVM key signing like a browser wallet's personal_sign, or an
 * Ed25519 key (Solana, Stellar, NEAR) signing the message's UTF-8 bytes with the JDK.
 */
public final class TestWallet {

    /** Anvil's dev account 9: the bootstrap admin bin/test configures (IDENTITY_ADMIN_ADDRESSES). */
    public static final String ADMIN_KEY = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";

    private final ChainFamily family;
    private final String address;
    private final ECKeyPair evmKey;
    private final KeyPair ed25519Key;

    private TestWallet(ChainFamily family, String address, ECKeyPair evmKey, KeyPair ed25519Key) {
        this.family = family;
        this.address = address;
        this.evmKey = evmKey;
        this.ed25519Key = ed25519Key;
    }

    public static TestWallet newEvm() {
        try {
            return evm(Keys.createEcKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestWallet evm(String privateKeyHex) {
        return evm(Credentials.create(privateKeyHex).getEcKeyPair());
    }

    private static TestWallet evm(ECKeyPair key) {
        return new TestWallet(ChainFamily.EVM, Keys.toChecksumAddress(Keys.getAddress(key)), key, null);
    }

    public static TestWallet newEd25519(ChainFamily family) {
        try {
            KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = key.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return new TestWallet(family, WalletAddress.ofEd25519PublicKey(family, raw).address(), null, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EVM contract wallet at {@code address} whose owner key is {@code owner}'s: it signs with that key. */
    public static TestWallet contractWallet(String address, TestWallet owner) {
        return new TestWallet(ChainFamily.EVM, address, owner.evmKey, null);
    }

    public ChainFamily family() {
        return family;
    }

    public String address() {
        return address;
    }

    /** The wallet's key as a sender of EVM transactions (EVM wallets only). */
    public Credentials credentials() {
        if (evmKey == null) {
            throw new IllegalStateException("not an EVM wallet: " + address);
        }
        return Credentials.create(evmKey);
    }

    /** The signature a wallet app would return, as 0x + hex. */
    public String sign(String message) {
        return "0x" + HexFormat.of().formatHex(signBytes(message));
    }

    public byte[] signBytes(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        if (evmKey != null) {
            Sign.SignatureData data = Sign.signPrefixedMessage(text, evmKey);
            byte[] signature = new byte[65];
            System.arraycopy(data.getR(), 0, signature, 0, 32);
            System.arraycopy(data.getS(), 0, signature, 32, 32);
            signature[64] = data.getV()[0];
            return signature;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(ed25519Key.getPrivate());
            ed25519.update(text);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
