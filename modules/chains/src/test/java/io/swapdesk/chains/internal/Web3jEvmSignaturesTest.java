package io.swapdesk.chains.internal;

import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.EvmAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Web3jEvmSignaturesTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private static final Credentials OWNER = Credentials.create(AnvilExtension.DEV_KEY_1);
    private static final Credentials STRANGER = Credentials.create(AnvilExtension.DEV_KEY_0);
    private static final byte[] MESSAGE = "example.com wants you to sign in".getBytes(StandardCharsets.UTF_8);

    private static Web3jChains chains;
    private static Web3jEvmSignatures signatures;
    private static EvmAddress smartWallet;

    @BeforeAll
    static void deploySmartWallet() throws Exception {
        chains = new Web3jChains(new ChainSettings(Map.of(CHAIN.chainId(), URI.create(CHAIN.rpcUrl())),
                Duration.ofSeconds(3), Duration.ofSeconds(60)), new RecordingMetricRegistry().registry());
        signatures = new Web3jEvmSignatures(chains);
        Web3j web3j = Web3j.build(new HttpService(CHAIN.rpcUrl()));
        try {
            ContractArtifact wallet = ContractArtifact.load("TestSmartWallet");
            smartWallet = new ContractDeployer(web3j, STRANGER, CHAIN.chainId())
                    .deploy(wallet, wallet.encodeConstructorArguments(List.of(OWNER.getAddress())));
        } finally {
            web3j.shutdown();
        }
    }

    @AfterAll
    static void disconnect() {
        chains.close();
    }

    @Test
    void recoversTheAddressThatSignedTheMessage() {
        byte[] signature = personalSign(OWNER, MESSAGE);

        assertThat(signatures.recoverPersonalSigner(MESSAGE, signature))
                .contains(EvmAddress.parse(OWNER.getAddress()));
    }

    @Test
    void acceptsRecoveryIdsZeroAndOne() {
        byte[] signature = personalSign(OWNER, MESSAGE);
        signature[64] -= 27;

        assertThat(signatures.recoverPersonalSigner(MESSAGE, signature))
                .contains(EvmAddress.parse(OWNER.getAddress()));
    }

    @Test
    void anotherMessageRecoversAnotherAddress() {
        byte[] signature = personalSign(OWNER, MESSAGE);
        byte[] other = "example.org wants you to sign in".getBytes(StandardCharsets.UTF_8);

        assertThat(signatures.recoverPersonalSigner(other, signature))
                .isPresent().get().isNotEqualTo(EvmAddress.parse(OWNER.getAddress()));
    }

    @Test
    void malformedSignaturesRecoverNothing() {
        byte[] valid = personalSign(OWNER, MESSAGE);
        for (int length : new int[] {0, 1, 32, 64, 66, 130}) {
            assertThat(signatures.recoverPersonalSigner(MESSAGE, Arrays.copyOf(valid, length))).as("length %d", length)
                    .isEmpty();
        }
        byte[] badRecoveryId = valid.clone();
        badRecoveryId[64] = 29;
        assertThat(signatures.recoverPersonalSigner(MESSAGE, badRecoveryId)).isEmpty();
        assertThat(signatures.recoverPersonalSigner(MESSAGE, new byte[65])).isEmpty();
    }

    @Test
    void theMalleatedHighSTwinIsRefused() {
        byte[] valid = personalSign(OWNER, MESSAGE);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(valid, 32, 64));
        byte[] highS = toBytes32(Sign.CURVE_PARAMS.getN().subtract(s));
        byte[] twin = valid.clone();
        System.arraycopy(highS, 0, twin, 32, 32);
        twin[64] = (byte) (valid[64] == 27 ? 28 : 27);

        assertThat(signatures.recoverPersonalSigner(MESSAGE, twin)).isEmpty();
    }

    @Test
    void aContractWalletAcceptsItsOwnersSignature() {
        assertThat(signatures.isValidContractSignature(CHAIN.chainId(), smartWallet, MESSAGE, personalSign(OWNER, MESSAGE)))
                .isTrue();
    }

    @Test
    void aContractWalletRefusesAStrangersSignatureAndGarbage() {
        assertThat(signatures.isValidContractSignature(CHAIN.chainId(), smartWallet, MESSAGE,
                personalSign(STRANGER, MESSAGE))).isFalse();
        assertThat(signatures.isValidContractSignature(CHAIN.chainId(), smartWallet, MESSAGE, new byte[3])).isFalse();
    }

    @Test
    void anAddressWithoutCodeIsNoContractWallet() {
        assertThat(signatures.isValidContractSignature(CHAIN.chainId(), EvmAddress.parse(OWNER.getAddress()), MESSAGE,
                personalSign(OWNER, MESSAGE))).isFalse();
    }

    static byte[] personalSign(Credentials key, byte[] message) {
        Sign.SignatureData data = Sign.signPrefixedMessage(message, key.getEcKeyPair());
        byte[] signature = new byte[65];
        System.arraycopy(data.getR(), 0, signature, 0, 32);
        System.arraycopy(data.getS(), 0, signature, 32, 32);
        signature[64] = data.getV()[0];
        return signature;
    }

    private static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }
}
