package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;

/** The swap's contracts land where the test server expects them, and a second call changes nothing. */
class LocalContractsIT {

    @Test
    void theEscrowAndTokensAreDeployedFundedAndSignersSetOnEveryChain() throws Exception {
        LocalContracts.ensureDeployed();
        LocalContracts.ensureDeployed();

        for (Map.Entry<Long, String> chain : TestEnvironment.chains().entrySet()) {
            Web3j web3j = Web3j.build(new HttpService(chain.getValue()));
            try {
                for (var contract : new io.swapdesk.platform.EvmAddress[] {LocalContracts.ESCROW, LocalContracts.USDC,
                        LocalContracts.WETH}) {
                    assertThat(web3j.ethGetCode(contract.toChecksumString(), DefaultBlockParameterName.LATEST).send()
                            .getCode()).as("code at %s on %s", contract, chain.getKey()).hasSizeGreaterThan(2);
                }
                for (String key : LocalContracts.SIGNER_KEYS) {
                    String signer = Credentials.create(key).getAddress();
                    assertThat(isSigner(web3j, signer)).as("%s a signer on %s", signer, chain.getKey()).isTrue();
                }
                // Deployment and set-up are the operator's first four transactions and the token owner's first four;
                // other tests may have used both accounts since (SwapIT drains and refills the treasury).
                assertThat(nonce(web3j, LocalContracts.OPERATOR)).isGreaterThanOrEqualTo(4);
                assertThat(nonce(web3j, LocalContracts.TOKEN_OWNER)).isGreaterThanOrEqualTo(4);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static boolean isSigner(Web3j web3j, String account) throws Exception {
        Function isSigner = new Function("isSigner", List.of(new Address(account)), List.of(new TypeReference<Bool>() { }));
        String answer = web3j.ethCall(Transaction.createEthCallTransaction(null, LocalContracts.ESCROW.toChecksumString(),
                FunctionEncoder.encode(isSigner)), DefaultBlockParameterName.LATEST).send().getValue();
        return ((Bool) FunctionReturnDecoder.decode(answer, isSigner.getOutputParameters()).getFirst()).getValue();
    }

    private static int nonce(Web3j web3j, Credentials account) throws Exception {
        BigInteger count = web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
        return count.intValueExact();
    }
}
