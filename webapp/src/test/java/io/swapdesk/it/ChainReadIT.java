package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.internal.ContractArtifact;
import io.swapdesk.chains.internal.ContractDeployer;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;

/**
 * The chains the harness started, as the server sees them: a contract compiled from modules/chains/src/main/solidity
 * is deployed and read back through web3j, and the server's readiness follows the chain's head past that block.
 */
class ChainReadIT {

    /** anvil's first well-known development account; its key is public and only ever used on local chains. */
    private static final String ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void aDeployedTokenIsReadBackThroughWeb3jAndTheServerSeesTheChainAdvance() throws Exception {
        Map.Entry<Long, String> chain = TestEnvironment.chains().entrySet().iterator().next();
        Web3j web3j = Web3j.build(new HttpService(chain.getValue()));
        try {
            ContractArtifact token = ContractArtifact.load("TestToken");
            EvmAddress address = new ContractDeployer(web3j, Credentials.create(ANVIL_DEV_KEY), ChainId.of(chain.getKey()))
                    .deploy(token, token.encodeConstructorArguments(List.of("USD Coin", "USDC", "6")));
            long deployedAt = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();

            assertThat(decimals(web3j, address)).isEqualTo(6);
            assertThat(serverHead(chain.getKey())).isGreaterThanOrEqualTo(deployedAt - 1);
        } finally {
            web3j.shutdown();
        }
    }

    private static int decimals(Web3j web3j, EvmAddress token) throws Exception {
        Function decimals = new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() { }));
        String result = web3j.ethCall(Transaction.createEthCallTransaction(null, token.toChecksumString(),
                FunctionEncoder.encode(decimals)), DefaultBlockParameterName.LATEST).send().getValue();
        @SuppressWarnings("rawtypes")
        List<Type> values = FunctionReturnDecoder.decode(result, decimals.getOutputParameters());
        return ((BigInteger) values.get(0).getValue()).intValueExact();
    }

    /** The head block the server's readiness check reports for a chain, waiting up to 10 s for it to catch up. */
    private static long serverHead(long chainId) throws Exception {
        long head = -1;
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonObject health = Http.json(Http.get(TestEnvironment.uri("/health/ready")));
            head = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals("chains"))
                    .map(check -> check.getJsonObject("data").getJsonNumber(chainId + ".head").longValue())
                    .findFirst().orElse(-1L);
            if (head >= 0) {
                return head;
            }
            Thread.sleep(500);
        }
        return head;
    }
}
