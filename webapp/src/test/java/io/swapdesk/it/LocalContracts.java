package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.internal.ContractArtifact;
import io.swapdesk.chains.internal.ContractDeployer;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The contracts of the swap on both harness chains, deployed once per run at addresses that follow from deployer
 * and nonce, so that the test server is configured with them before they exist
 * (webapp/src/test/liberty/configDropins/overrides/contracts.xml):
 *
 * <ul>
 *   <li>anvil's dev account 4 is the escrow's operator: nonce 0 deploys the {@link #ESCROW}, nonces 1 to 3 make dev
 *       accounts 5, 6 and 7 its signers ({@link #SIGNER_KEYS});</li>
 *   <li>anvil's dev account 1 owns the test tokens: nonce 0 deploys {@link #USDC} (6 decimals), nonce 1 {@link #WETH}
 *       (18), nonces 2 and 3 fund the escrow, the treasury, with 1,000,000 USDC and 1,000 WETH.</li>
 * </ul>
 *
 * The same addresses on both chains. Every key here is one of anvil's public dev keys: local chains only.
 */
public final class LocalContracts {

    public static final EvmAddress ESCROW = EvmAddress.parse("0xbdEd0D2bf404bdcBa897a74E6657f1f12e5C6fb6");
    public static final EvmAddress USDC = EvmAddress.parse("0x8464135c8F25Da09e49BC8782676a84730C318bC");
    public static final EvmAddress WETH = EvmAddress.parse("0x71C95911E9a5D330f4D621842EC243EE1343292e");
    public static final Credentials OPERATOR =
            Credentials.create("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
    public static final Credentials TOKEN_OWNER =
            Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static final List<String> SIGNER_KEYS = List.of(
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");
    public static final BigInteger TREASURY_USDC = BigInteger.TEN.pow(6).multiply(BigInteger.valueOf(1_000_000));
    public static final BigInteger TREASURY_WETH = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1_000));

    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);
    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);

    private LocalContracts() {
    }

    /** Deploys and funds whatever is not there yet, on every harness chain; safe to call from every test class. */
    public static synchronized void ensureDeployed() throws Exception {
        for (Map.Entry<Long, String> chain : TestEnvironment.chains().entrySet()) {
            Web3j web3j = Web3j.build(new HttpService(chain.getValue()));
            try {
                ChainId id = ChainId.of(chain.getKey());
                ContractArtifact escrow = ContractArtifact.load("Escrow");
                ContractArtifact token = ContractArtifact.load("TestToken");
                step(web3j, id, OPERATOR, 0, () -> new ContractDeployer(web3j, OPERATOR, id)
                        .deploy(escrow, escrow.encodeConstructorArguments(List.of(OPERATOR.getAddress()))));
                for (int i = 0; i < SIGNER_KEYS.size(); i++) {
                    String signer = Credentials.create(SIGNER_KEYS.get(i)).getAddress();
                    step(web3j, id, OPERATOR, 1 + i, () -> send(web3j, id, OPERATOR, ESCROW, FunctionEncoder.encode(
                            new Function("setSigner", List.of(new Address(signer), new Bool(true)), List.of()))));
                }
                step(web3j, id, TOKEN_OWNER, 0, () -> new ContractDeployer(web3j, TOKEN_OWNER, id)
                        .deploy(token, token.encodeConstructorArguments(List.of("USD Coin", "USDC", "6"))));
                step(web3j, id, TOKEN_OWNER, 1, () -> new ContractDeployer(web3j, TOKEN_OWNER, id)
                        .deploy(token, token.encodeConstructorArguments(List.of("Wrapped Ether", "WETH", "18"))));
                step(web3j, id, TOKEN_OWNER, 2, () -> send(web3j, id, TOKEN_OWNER, USDC, mint(ESCROW, TREASURY_USDC)));
                step(web3j, id, TOKEN_OWNER, 3, () -> send(web3j, id, TOKEN_OWNER, WETH, mint(ESCROW, TREASURY_WETH)));
            } finally {
                web3j.shutdown();
            }
        }
    }

    /** Mints test tokens to {@code to} on one chain (dev account 1 owns both tokens). */
    public static void mint(long chainId, EvmAddress token, EvmAddress to, BigInteger amount) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.chains().get(chainId)));
        try {
            send(web3j, ChainId.of(chainId), TOKEN_OWNER, token, mint(to, amount));
        } finally {
            web3j.shutdown();
        }
    }

    /** Sends a transaction and waits for its receipt, which must show success. */
    public static TransactionReceipt send(Web3j web3j, ChainId chain, Credentials sender, EvmAddress to, String data)
            throws Exception {
        PollingTransactionReceiptProcessor receipts = new PollingTransactionReceiptProcessor(web3j, 100, 300);
        RawTransactionManager transactions = new RawTransactionManager(web3j, sender, chain.value(), receipts);
        EthSendTransaction sent = transactions.sendEIP1559Transaction(chain.value(), ONE_GWEI,
                ONE_GWEI.multiply(BigInteger.valueOf(100)), GAS_LIMIT, to.toChecksumString(), data, BigInteger.ZERO);
        assertThat(sent.hasError()).as(() -> "sending: " + sent.getError().getMessage()).isFalse();
        TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        assertThat(receipt.isStatusOK()).as("transaction %s succeeded", sent.getTransactionHash()).isTrue();
        return receipt;
    }

    /** Runs the step whose turn it is by the sender's nonce; a step already done (nonce past it) is skipped. */
    private static void step(Web3j web3j, ChainId chain, Credentials sender, int nonce, Step action) throws Exception {
        BigInteger sent = web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        if (sent.intValueExact() > nonce) {
            return;
        }
        assertThat(sent.intValueExact()).as("%s's nonce on chain %s before step %d: another test used this key",
                sender.getAddress(), chain, nonce).isEqualTo(nonce);
        action.run();
    }

    interface Step {
        void run() throws Exception;
    }

    private static String mint(EvmAddress to, BigInteger amount) {
        return FunctionEncoder.encode(new Function("mint", List.of(new Address(to.toChecksumString()),
                new Uint256(amount)), List.of()));
    }
}
