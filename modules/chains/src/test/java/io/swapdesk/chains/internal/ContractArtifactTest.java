package io.swapdesk.chains.internal;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContractArtifactTest {

    private final ContractArtifact testToken = ContractArtifact.load("TestToken");

    @Test
    void loadsTheContractCompiledByTheBuild() {
        assertThat(testToken.name()).isEqualTo("TestToken");
        assertThat(testToken.bytecode()).matches("[0-9a-f]+").hasSizeGreaterThan(100);
        assertThat(testToken.abi()).contains("\"name\":\"mint\"", "\"name\":\"Transfer\"", "\"type\":\"constructor\"");
    }

    @Test
    void anUnknownContractNamesTheSourceItExpected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContractArtifact.load("Escrow2"))
                .withMessageContaining("no compiled contract Escrow2")
                .withMessageContaining("src/main/solidity/Escrow2.sol");
    }

    @Test
    void aNameThatIsNotAnIdentifierIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContractArtifact.load("../TestToken"))
                .withMessageContaining("Solidity identifier");
    }

    @Test
    void encodesIntegersAsDecimalNotHex() {
        String encoded = testToken.encodeConstructorArguments(List.of("USD Coin", "USDC", "10"));

        assertThat(encoded).isEqualTo(FunctionEncoder.encodeConstructor(
                List.of(new Utf8String("USD Coin"), new Utf8String("USDC"), new Uint8(10))));
    }

    @Test
    void aWrongArgumentCountDescribesTheConstructor() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> testToken.encodeConstructorArguments(List.of("USD Coin", "USDC")))
                .withMessage("TestToken's constructor takes 3 argument(s) [string name_, string symbol_, uint8 decimals_]; got 2");
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> testToken.encodeConstructorArguments(List.of("USD Coin", "USDC", "256")))
                .withMessageStartingWith("cannot encode \"256\" as uint8 decimals_");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> testToken.encodeConstructorArguments(List.of("USD Coin", "USDC", "six")))
                .withMessageStartingWith("cannot encode \"six\" as uint8 decimals_");
    }
}
