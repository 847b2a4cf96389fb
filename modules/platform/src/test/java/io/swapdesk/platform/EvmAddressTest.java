package io.swapdesk.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static io.swapdesk.platform.HostileInput.rejects;
import static io.swapdesk.platform.HostileInput.rejectsQuicklyWithoutEcho;
import static io.swapdesk.platform.HostileInput.tenMegabytesOf;
import static io.swapdesk.platform.PlatformError.INVALID_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

class EvmAddressTest {

    private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    /** Test vectors from EIP-55 itself: each is its own checksum form. */
    @ParameterizedTest
    @ValueSource(strings = {
            // all caps
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            // all lower
            "0xde709f2102306220921060314715629080e2fb77",
            "0x27b1fdb04752bbc536007a920d24acb045561c26",
            // normal
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
    })
    void eip55VectorsParseAndFormatBackUnchanged(String vector) {
        EvmAddress address = EvmAddress.parse(vector);
        assertThat(address.toChecksumString()).isEqualTo(vector);
        assertThat(address).hasToString(vector);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
    })
    void allLowercaseAndAllUppercaseHexAreAcceptedAndChecksummedOnOutput(String vector) {
        String hex = vector.substring(2);
        EvmAddress lower = EvmAddress.parse("0x" + hex.toLowerCase(Locale.ROOT));
        EvmAddress upper = EvmAddress.parse("0x" + hex.toUpperCase(Locale.ROOT));
        assertThat(lower.toChecksumString()).isEqualTo(vector);
        assertThat(upper.toChecksumString()).isEqualTo(vector);
    }

    @Test
    void equalityIgnoresCase() {
        EvmAddress checksummed = EvmAddress.parse(CHECKSUMMED);
        EvmAddress lower = EvmAddress.parse(CHECKSUMMED.toLowerCase(Locale.ROOT));
        assertThat(lower).isEqualTo(checksummed).hasSameHashCodeAs(checksummed);
        assertThat(lower).isNotEqualTo(EvmAddress.ZERO);
    }

    @Test
    void mixedCaseWithAWrongChecksumIsRejected() {
        // Flip the case of one letter of a valid checksum: a typical transcription error.
        String flipped = "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        String detail = rejects(INVALID_ADDRESS, () -> EvmAddress.parse(flipped)).detail();
        assertThat(detail).contains("checksum does not match").contains(flipped);
    }

    @Test
    void mixedCaseOfADifferentAddressIsRejectedNotCorrected() {
        // A valid checksum's casing applied to other digits (last digit changed) is not a checksum.
        rejects(INVALID_ADDRESS, () -> EvmAddress.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAee"));
    }

    @Test
    void zeroIsTwentyZeroBytes() {
        assertThat(EvmAddress.ZERO).hasToString("0x" + "0".repeat(40));
        assertThat(EvmAddress.parse("0x" + "0".repeat(40))).isEqualTo(EvmAddress.ZERO);
        assertThat(EvmAddress.ZERO.bytes()).containsOnly(0).hasSize(20);
    }

    @Test
    void bytesReturnsADefensiveCopy() {
        EvmAddress address = EvmAddress.parse(CHECKSUMMED);
        byte[] bytes = address.bytes();
        bytes[0] = (byte) 0xff;
        assertThat(address.bytes()[0]).isEqualTo((byte) 0x5a);
        assertThat(address).hasToString(CHECKSUMMED);
    }

    @Test
    void ofCopiesTheBytesAndRoundTrips() {
        byte[] raw = EvmAddress.parse(CHECKSUMMED).bytes();
        EvmAddress address = EvmAddress.of(raw);
        raw[19] = 0;
        assertThat(address).hasToString(CHECKSUMMED);
    }

    @Test
    void ofRejectsAnythingButTwentyBytes() {
        rejects(INVALID_ADDRESS, () -> EvmAddress.of(new byte[19]));
        rejects(INVALID_ADDRESS, () -> EvmAddress.of(new byte[21]));
        rejects(INVALID_ADDRESS, () -> EvmAddress.of(null));
    }

    @Test
    void parseRejectsNullSayingItIsRequired() {
        assertThat(rejects(INVALID_ADDRESS, () -> EvmAddress.parse(null)).detail()).startsWith("address is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "0x",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed0",    // 41 hex digits
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",      // 39 hex digits
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",       // no prefix
            " 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n"
    })
    void parseRejectsWrongLengthSayingHowLongItMustBe(String text) {
        assertThat(rejects(INVALID_ADDRESS, () -> EvmAddress.parse(text)).detail())
                .startsWith("address must be \"0x\" followed by exactly 40 hex characters (42 characters); got "
                        + text.length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",     // uppercase X
            "005aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "xx5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    })
    void parseRejectsAPrefixOtherThanLowercase0x(String text) {
        assertThat(rejects(INVALID_ADDRESS, () -> EvmAddress.parse(text)).detail())
                .contains("must start with lowercase \"0x\"");
    }

    @ParameterizedTest
    @ValueSource(chars = {
            'g', 'z', 'G', ' ', '-', '.', 'x',
            '\u0660',   // Arabic-Indic zero
            '\uff10',   // fullwidth zero
            '\uff41',   // fullwidth a
            '\u0430',   // Cyrillic a
            '\u0000'
    })
    void parseRejectsNonHexCharacters(char notHex) {
        String text = "0x" + notHex + "0".repeat(39);
        assertThat(text).hasSize(42);
        assertThat(rejects(INVALID_ADDRESS, () -> EvmAddress.parse(text)).detail())
                .contains("character 3 is not hex").doesNotContain("checksum");
    }

    @Test
    void parseRejectsAnEmojiEvenWhenTheUtf16LengthIs42() {
        String text = "0x" + "\uD83D\uDE00" + "0".repeat(38);
        assertThat(text).hasSize(42);
        assertThat(rejects(INVALID_ADDRESS, () -> EvmAddress.parse(text)).detail())
                .contains("character 3 is not hex").contains("\\ud83d\\ude00");
    }

    @Test
    void parseNamesThePositionOfTheFirstNonHexCharacter() {
        String text = "0x000000000000000000000000000000000000000z";
        assertThat(rejects(INVALID_ADDRESS, () -> EvmAddress.parse(text)).detail()).contains("character 42 is not hex");
    }

    @Test
    void parseRejectsTenMegabyteStringQuickly() {
        String huge = "0x" + tenMegabytesOf('a');
        rejectsQuicklyWithoutEcho(INVALID_ADDRESS, () -> EvmAddress.parse(huge));
    }
}
