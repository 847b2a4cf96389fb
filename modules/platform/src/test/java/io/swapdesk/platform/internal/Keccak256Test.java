package io.swapdesk.platform.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Keccak256Test {

    private static String keccakHex(String text) {
        return HexFormat.of().formatHex(Keccak256.hash(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void hashesTheEmptyInputToTheKnownEthereumValue() {
        assertThat(keccakHex("")).isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void isKeccakNotFips202Sha3() {
        // SHA3-256("") is a7ffc6f8...; Ethereum's Keccak-256 differs only in padding.
        assertThat(keccakHex("")).doesNotStartWith("a7ffc6f8");
    }

    @Test
    void hashesTheErc20TransferSignatureToItsSelector() {
        assertThat(keccakHex("transfer(address,uint256)")).startsWith("a9059cbb");
    }
}
