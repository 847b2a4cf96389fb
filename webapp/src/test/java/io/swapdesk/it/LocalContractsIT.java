package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
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
                assertThat(nonce(web3j, LocalContracts.OPERATOR)).isEqualTo(4);
                assertThat(nonce(web3j, LocalContracts.TOKEN_OWNER)).isGreaterThanOrEqualTo(4);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static int nonce(Web3j web3j, Credentials account) throws Exception {
        BigInteger count = web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
        return count.intValueExact();
    }
}
