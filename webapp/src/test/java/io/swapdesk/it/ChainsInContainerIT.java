package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapdesk.chains.ChainHead;
import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside the server: the chains module reads both configured anvil chains through web3j. */
@ExtendWith(ArquillianExtension.class)
class ChainsInContainerIT {

    /** anvil's last development account: nobody spends from it in the tests, so it holds exactly 10,000 ETH. */
    private static final EvmAddress UNTOUCHED_DEV_ACCOUNT = EvmAddress.parse("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith();
    }

    @Inject
    Chains chains;

    @Test
    void bothConfiguredChainsAreServed() {
        assertEquals(Set.of(ChainId.of(31337), ChainId.of(31338)), chains.configured());
    }

    @Test
    void theHeadOfEachChainIsRecentAndAdvances() throws InterruptedException {
        for (ChainId chain : chains.configured()) {
            ChainHead first = chains.head(chain);
            Thread.sleep(1500);
            ChainHead later = chains.head(chain);

            assertEquals(chain, first.chainId());
            assertTrue(later.blockNumber() > first.blockNumber(), "anvil mines a block a second");
        }
    }

    @Test
    void aNativeBalanceIsReadInWei() {
        BigInteger tenThousandEth = BigInteger.TEN.pow(22);

        assertEquals(tenThousandEth, chains.nativeBalance(ChainId.of(31338), UNTOUCHED_DEV_ACCOUNT));
    }

    @Test
    void anUnconfiguredChainIsANamedFailure() {
        DomainException failure = assertThrows(DomainException.class, () -> chains.head(ChainId.of(1)));

        assertEquals(ChainsError.UNKNOWN_CHAIN, failure.code());
    }
}
