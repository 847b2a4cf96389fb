package io.swapdesk.quotes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotesSettingsTest {

    private static QuotesSettings settings(Map<String, String> values) {
        return new QuotesSettings(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void everyValueHasADefault() {
        QuotesSettings settings = settings(Map.of());

        assertThat(settings.assets()).isEmpty();
        assertThat(settings.feeBps()).isEqualTo(30);
        assertThat(settings.slippageBps()).isEqualTo(50);
        assertThat(settings.ttlMax().toSeconds()).isEqualTo(120);
        assertThat(settings.ttlMin().toSeconds()).isEqualTo(20);
        assertThat(settings.expiryGrace().toSeconds()).isEqualTo(300);
        assertThat(settings.writerThreads()).isEqualTo(2);
    }

    @Test
    void assetsAreReadWithTheirPricingSymbol() {
        QuotesSettings settings = settings(Map.of(QuotesSettings.ASSETS,
                "31337:USDC:0x8464135c8F25Da09e49BC8782676a84730C318bC:6, 31338:WETH:"
                        + "0x71c95911e9a5d330f4d621842ec243ee1343292e:18:ETH"));

        assertThat(settings.assets()).extracting(asset -> asset.chain() + " " + asset.symbol() + " " + asset.token()
                        + " " + asset.decimals() + " " + asset.pricingSymbol())
                .containsExactly("31337 USDC 0x8464135c8F25Da09e49BC8782676a84730C318bC 6 USDC",
                        "31338 WETH 0x71C95911E9a5D330f4D621842EC243EE1343292e 18 ETH");
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> settings(Map.of(QuotesSettings.ASSETS, "31337:USDC:0x1234:6")))
                .hasMessageStartingWith("quotes.assets: 31337:USDC:0x1234:6:");
        assertThatThrownBy(() -> settings(Map.of(QuotesSettings.ASSETS, "31337:USDC:6")))
                .hasMessageContaining("chainId:SYMBOL:token:decimals");
        assertThatThrownBy(() -> settings(Map.of(QuotesSettings.ASSETS,
                "31338:Weth:0x71C95911E9a5D330f4D621842EC243EE1343292e:18")))
                .hasMessageContaining("pricing symbol");
        assertThatThrownBy(() -> settings(Map.of(QuotesSettings.FEE_BPS, "-1"))).hasMessageContaining("quotes.fee-bps");
        assertThatThrownBy(() -> settings(Map.of(QuotesSettings.TTL_MIN_SECONDS, "500")))
                .hasMessageContaining("quotes.ttl.min-seconds");
        assertThatThrownBy(() -> settings(Map.of(QuotesSettings.WRITER_THREADS, "0")))
                .hasMessageContaining("quotes.writer.threads");
    }
}
