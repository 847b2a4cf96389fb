package io.swapdesk.chains.internal;

import io.swapdesk.platform.ChainId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChainSettingsTest {

    @Test
    void parsesEveryEntryInConfigurationOrder() {
        Map<ChainId, URI> endpoints = ChainSettings.parseEndpoints(
                "31338=http://127.0.0.1:8546, 31337 = http://127.0.0.1:8545 ,1=https://rpc.example.org/v2/path");

        assertThat(endpoints).containsExactly(
                Map.entry(ChainId.of(31338), URI.create("http://127.0.0.1:8546")),
                Map.entry(ChainId.of(31337), URI.create("http://127.0.0.1:8545")),
                Map.entry(ChainId.of(1), URI.create("https://rpc.example.org/v2/path")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void anEmptyValueMeansNoChains(String value) {
        assertThat(ChainSettings.parseEndpoints(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "31337                           | 31337                        | no '='",
            "abc=http://127.0.0.1:8545       | abc=http://127.0.0.1:8545    | chain id must be a decimal number",
            "0=http://127.0.0.1:8545         | 0=http://127.0.0.1:8545      | chain id must be a decimal number",
            "-5=http://127.0.0.1:8545        | -5=http://127.0.0.1:8545     | chain id must be a decimal number",
            "0x7a69=http://127.0.0.1:8545    | 0x7a69=http://127.0.0.1:8545 | chain id must be a decimal number",
            "=http://127.0.0.1:8545          | =http://127.0.0.1:8545       | chain id must be a decimal number",
            "31337=                          | 31337=                       | must start with http:// or https://",
            "31337=127.0.0.1:8545            | 31337=127.0.0.1:8545         | must start with http:// or https://",
            "31337=ws://127.0.0.1:8545       | 31337=ws://127.0.0.1:8545    | must start with http:// or https://",
            "31337=ftp://127.0.0.1/rpc       | 31337=ftp://127.0.0.1/rpc    | must start with http:// or https://",
            "31337=http://                   | 31337=http://                | malformed",
            "31337=http:///rpc               | 31337=http:///rpc            | no host",
            "31337=http://exa mple.org       | 31337=http://exa mple.org    | malformed",
    })
    void anInvalidEntryFailsNamingThePropertyAndTheEntry(String value, String entry, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChainSettings.parseEndpoints(value))
                .withMessageStartingWith("chains.endpoints: invalid entry \"" + entry + "\"")
                .withMessageContaining(reason);
    }

    @Test
    void anEmptyEntryBetweenCommasIsInvalid() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChainSettings.parseEndpoints("31337=http://127.0.0.1:8545,,31338=http://127.0.0.1:8546"))
                .withMessageStartingWith("chains.endpoints: invalid entry \"\"");
    }

    @Test
    void aChainIdConfiguredTwiceIsInvalid() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChainSettings.parseEndpoints("31337=http://127.0.0.1:8545,31337=http://127.0.0.1:9545"))
                .withMessageContaining("chains.endpoints")
                .withMessageContaining("31337=http://127.0.0.1:9545")
                .withMessageContaining("chain id 31337 is configured twice");
    }

    @Test
    void theConfigConstructorConvertsUnits() {
        ChainSettings settings = new ChainSettings(Optional.of("31337=http://127.0.0.1:8545"), 3000, 60, Optional.empty());

        assertThat(settings.endpoints()).containsOnlyKeys(ChainId.of(31337));
        assertThat(settings.rpcTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.maxHeadAge()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAbsentEndpointsPropertyMeansNoChains() {
        assertThat(new ChainSettings(Optional.empty(), 3000, 60, Optional.empty()).endpoints()).isEmpty();
    }

    @Test
    void aTimeoutOrMaximumAgeBelowOneIsRefusedByName() {
        for (List<Long> values : List.of(List.of(0L, 60L), List.of(3000L, -1L))) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ChainSettings(Optional.empty(), values.get(0), values.get(1), Optional.empty()))
                    .withMessageMatching("chains\\.(rpc-timeout-ms|max-head-age-seconds) must be a positive number; got -?\\d+");
        }
    }

    @org.junit.jupiter.api.Test
    void escrowsAreChainIdEqualsAddressEntries() {
        assertThat(ChainSettings.parseEscrows(" 31337=0x5FbDB2315678afecb367f032d93F642f64180aa3 ,31338=0x5fbdb2315678afecb367f032d93f642f64180aa3"))
                .containsOnlyKeys(io.swapdesk.platform.ChainId.of(31337), io.swapdesk.platform.ChainId.of(31338));
        assertThat(ChainSettings.parseEscrows("")).isEmpty();
        for (String bad : new String[] {"31337", "31337=0x12", "x=0x5FbDB2315678afecb367f032d93F642f64180aa3",
                "1=0x5FbDB2315678afecb367f032d93F642f64180aa3,1=0x5FbDB2315678afecb367f032d93F642f64180aa3"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChainSettings.parseEscrows(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chains.escrows");
        }
    }
}
