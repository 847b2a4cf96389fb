package io.swapdesk.chains.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapdesk.chains.testing.AnvilExtension;
import io.swapdesk.platform.EvmAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DeployContractTest {

    @RegisterExtension
    static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void deploysAndPrintsTheAddressAsOneJsonLine() throws Exception {
        int status = run(AnvilExtension.DEV_KEY_0,
                "--rpc", CHAIN.rpcUrl(), "--contract", "TestToken", "--args", "USD Coin,USDC,6");

        assertThat(status).as("exit status; stderr: %s", text(err)).isZero();
        assertThat(text(out)).endsWith("\n").hasLineCount(1);
        JsonNode printed = ObjectMapperFactory.getObjectMapper().readTree(text(out));
        assertThat(printed.get("contract").asText()).isEqualTo("TestToken");
        assertThat(printed.get("chainId").asLong()).isEqualTo(31337);
        EvmAddress address = EvmAddress.parse(printed.get("address").asText());
        assertThat(printed.get("address").asText()).isEqualTo(address.toChecksumString());
        assertThat(codeAt(address)).hasSizeGreaterThan(2);
    }

    @Test
    void withoutTheKeyVariableItExplainsUsage() {
        int status = run(null, "--rpc", CHAIN.rpcUrl(), "--contract", "TestToken", "--args", "USD Coin,USDC,6");

        assertThat(status).isEqualTo(2);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).contains("DEPLOYER_KEY is not set", "usage:");
    }

    @Test
    void anInvalidKeyIsReportedWithoutEchoingIt() {
        int status = run("0xnot-a-key-but-secret", "--rpc", CHAIN.rpcUrl(), "--contract", "TestToken");

        assertThat(status).isEqualTo(2);
        assertThat(text(err)).contains("DEPLOYER_KEY is not a hex private key").doesNotContain("secret");
    }

    @Test
    void aMissingOptionIsAUsageError() {
        assertThat(run(AnvilExtension.DEV_KEY_0, "--contract", "TestToken")).isEqualTo(2);
        assertThat(text(err)).contains("--rpc is required");
    }

    @Test
    void wrongConstructorArgumentsFailBeforeAnythingIsSent() {
        int status = run(AnvilExtension.DEV_KEY_0, "--rpc", CHAIN.rpcUrl(), "--contract", "TestToken", "--args", "USDC");

        assertThat(status).isEqualTo(1);
        assertThat(text(err)).contains("TestToken's constructor takes 3 argument(s)");
    }

    @Test
    void anUnknownContractFails() {
        assertThat(run(AnvilExtension.DEV_KEY_0, "--rpc", CHAIN.rpcUrl(), "--contract", "Nope")).isEqualTo(1);
        assertThat(text(err)).contains("no compiled contract Nope");
    }

    private int run(String key, String... args) {
        return DeployContract.run(args, key, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static String codeAt(EvmAddress address) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(CHAIN.rpcUrl()));
        try {
            return web3j.ethGetCode(address.toChecksumString(), DefaultBlockParameterName.LATEST).send().getCode();
        } finally {
            web3j.shutdown();
        }
    }
}
