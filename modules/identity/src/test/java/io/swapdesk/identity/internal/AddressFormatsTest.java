package io.swapdesk.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressFormatsTest {

    /** The Stellar account id of the all-zero key, as Stellar's own tools print it. */
    private static final String STELLAR_ZERO_KEY = "GAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWHF";
    /** Solana's system program id: the all-zero key in base58. */
    private static final String SOLANA_ZERO_KEY = "11111111111111111111111111111111";

    @Test
    void evmAddressesBecomeTheirChecksummedForm() {
        assertThat(AddressFormats.canonical(ChainFamily.EVM, "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    }

    @Test
    void aMixedCaseEvmAddressMustMatchItsChecksum() {
        assertInvalid(ChainFamily.EVM, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267", "checksum");
    }

    @Test
    void knownEd25519AddressesDecodeToTheirKeys() {
        assertThat(AddressFormats.ed25519PublicKey(ChainFamily.SOLANA, SOLANA_ZERO_KEY)).isEqualTo(new byte[32]);
        assertThat(AddressFormats.ed25519PublicKey(ChainFamily.STELLAR, STELLAR_ZERO_KEY)).isEqualTo(new byte[32]);
        assertThat(AddressFormats.fromEd25519PublicKey(ChainFamily.STELLAR, new byte[32])).isEqualTo(STELLAR_ZERO_KEY);
        assertThat(AddressFormats.fromEd25519PublicKey(ChainFamily.SOLANA, new byte[32])).isEqualTo(SOLANA_ZERO_KEY);
    }

    @ParameterizedTest
    @EnumSource(value = ChainFamily.class, names = {"SOLANA", "STELLAR", "NEAR"})
    void randomKeysRoundTripThroughTheirAddresses(ChainFamily family) {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            if (i % 7 == 0) {
                key[0] = 0; // leading zero bytes are where base58 goes wrong
            }
            WalletAddress address = WalletAddress.ofEd25519PublicKey(family, key);

            assertThat(WalletAddress.parse(family, address.address())).isEqualTo(address);
            assertThat(AddressFormats.ed25519PublicKey(family, address.address())).isEqualTo(key);
        }
    }

    @Test
    void aStellarAddressWithOneCharacterChangedFailsItsChecksum() {
        String changed = STELLAR_ZERO_KEY.substring(0, 20) + "B" + STELLAR_ZERO_KEY.substring(21);

        assertInvalid(ChainFamily.STELLAR, changed, "checksum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWHF", "GAAAA", "gaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaawhf",
        "GAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWH1"})
    void malformedStellarAddressesAreRefused(String address) {
        assertThatThrownBy(() -> AddressFormats.canonical(ChainFamily.STELLAR, address))
                .isInstanceOf(DomainException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0OIl", "111111111111111111111111111111111", "abc", "1111111111111111111111111111111"})
    void solanaAddressesMustBeBase58Of32Bytes(String address) {
        assertThatThrownBy(() -> AddressFormats.canonical(ChainFamily.SOLANA, address))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void nearImplicitAccountsAreLowerCaseHexAndNamedAccountsFollowNearsRules() {
        String hex = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
        assertThat(AddressFormats.canonical(ChainFamily.NEAR, hex.toUpperCase())).isEqualTo(hex);
        assertThat(AddressFormats.canonical(ChainFamily.NEAR, "alice.near")).isEqualTo("alice.near");
        assertThat(AddressFormats.isNamedNearAccount("alice.near")).isTrue();
        assertThat(AddressFormats.isNamedNearAccount(hex)).isFalse();
        for (String bad : new String[] {"a", "Alice.near", "alice..near", "-alice.near", "alice_.near", "a".repeat(65)}) {
            assertThatThrownBy(() -> AddressFormats.canonical(ChainFamily.NEAR, bad)).as(bad)
                    .isInstanceOf(DomainException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(ChainFamily.class)
    void emptyAndHugeAddressesAreRefusedBeforeParsing(ChainFamily family) {
        assertInvalid(family, "", "required");
        assertInvalid(family, "1".repeat(10_000_000), "10000000 characters");
    }

    private static void assertInvalid(ChainFamily family, String address, String reason) {
        assertThatThrownBy(() -> AddressFormats.canonical(family, address))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(PlatformError.INVALID_ADDRESS);
                    assertThat(e.detail()).contains(reason);
                });
    }
}
