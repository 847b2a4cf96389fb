package io.swapdesk.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Optional;

import static io.swapdesk.platform.HostileInput.rejects;
import static io.swapdesk.platform.PlatformError.INVALID_AMOUNT;
import static io.swapdesk.platform.PlatformError.INVALID_ASSET;
import static org.assertj.core.api.Assertions.assertThat;

class AssetTest {

    private static final ChainId ETHEREUM = ChainId.of(1);
    private static final EvmAddress USDC_CONTRACT = EvmAddress.parse("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");

    private static Asset usdc() {
        return Asset.token(ETHEREUM, "USDC", USDC_CONTRACT, 6);
    }

    @Test
    void nativeCoinHasNoToken() {
        Asset ether = Asset.nativeCoin(ETHEREUM, "ETH", 18);
        assertThat(ether.isNative()).isTrue();
        assertThat(ether.token()).isEmpty();
    }

    @Test
    void tokenAssetIsNotNative() {
        assertThat(usdc().isNative()).isFalse();
        assertThat(usdc().token()).contains(USDC_CONTRACT);
    }

    @Test
    void amountReadsBaseUnitsWithTheAssetsDecimals() {
        assertThat(usdc().amount("1500000")).isEqualTo(Amount.ofUnits(BigInteger.valueOf(1_500_000), 6));
        assertThat(usdc().amount("1500000").toDecimalString()).isEqualTo("1.5");
    }

    @Test
    void amountRejectsInvalidUnitsAsAnInvalidAmount() {
        rejects(INVALID_AMOUNT, () -> usdc().amount("1.5"));
        rejects(INVALID_AMOUNT, () -> usdc().amount(null));
    }

    @Test
    void assetsAreEqualByAllComponents() {
        assertThat(usdc()).isEqualTo(usdc()).hasSameHashCodeAs(usdc());
        assertThat(usdc()).isNotEqualTo(Asset.token(ChainId.of(137), "USDC", USDC_CONTRACT, 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ETH", "USDC.e", "WETH-2", "a", "0123456789ABCDEF", "cbBTC"})
    void symbolsOfOneToSixteenAllowedCharactersAreAccepted(String symbol) {
        assertThat(Asset.nativeCoin(ETHEREUM, symbol, 18).symbol()).isEqualTo(symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "0123456789ABCDEFG", "US DC", " ETH", "ETH\n", "$ETH", "ETH_2", "ETH/USD",
            "\u00c9TH", "\u0415TH", "\uff25TH", "\uD83D\uDE80"
    })
    void symbolsOutsideTheAllowedCharactersOrLengthAreRejected(String symbol) {
        assertThat(rejects(INVALID_ASSET, () -> Asset.nativeCoin(ETHEREUM, symbol, 18)).detail())
                .startsWith("asset symbol must be 1 to 16 characters of A-Z, a-z, 0-9, '.' and '-'");
    }

    @Test
    void hugeSymbolIsRejectedWithoutEchoingIt() {
        String huge = "A".repeat(HostileInput.TEN_MEGABYTES);
        String detail = rejects(INVALID_ASSET, () -> Asset.nativeCoin(ETHEREUM, huge, 18)).detail();
        assertThat(detail).doesNotContain("A".repeat(33));
    }

    @Test
    void missingPartsAreRejected() {
        assertThat(rejects(INVALID_ASSET, () -> Asset.nativeCoin(null, "ETH", 18)).detail()).contains("chain id");
        assertThat(rejects(INVALID_ASSET, () -> Asset.nativeCoin(ETHEREUM, null, 18)).detail()).contains("symbol");
        assertThat(rejects(INVALID_ASSET, () -> new Asset(ETHEREUM, "ETH", null, 18)).detail()).contains("token");
        assertThat(rejects(INVALID_ASSET, () -> Asset.token(ETHEREUM, "USDC", null, 6)).detail())
                .contains("nativeCoin");
    }

    @Test
    void zeroAddressIsNotATokenSoTheNativeCoinHasOneForm() {
        assertThat(rejects(INVALID_ASSET, () -> new Asset(ETHEREUM, "ETH", Optional.of(EvmAddress.ZERO), 18)).detail())
                .contains("zero address");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 78})
    void decimalsOutside0To77AreRejected(int decimals) {
        assertThat(rejects(INVALID_ASSET, () -> Asset.nativeCoin(ETHEREUM, "ETH", decimals)).detail())
                .contains("between 0 and 77");
    }
}
