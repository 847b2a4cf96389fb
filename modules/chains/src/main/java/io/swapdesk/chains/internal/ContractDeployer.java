package io.swapdesk.chains.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Deploys compiled contracts from one key with EIP-1559 transactions, and waits for the receipt.
 *
 * <p>For local chains, test setup and operator tooling: it signs with whatever nonce the node
 * reports as pending, so it must not share its key with the execution module's signer accounts,
 * which manage their own nonces.
 */
public final class ContractDeployer {

    /** Poll every 200 ms up to 50 times: web3j's default of 15 s per poll stalls local chains. */
    private static final long RECEIPT_POLL_INTERVAL_MS = 200;
    private static final int RECEIPT_POLL_ATTEMPTS = 50;
    /** Headroom over the estimate, in percent: state can change between estimate and inclusion. */
    private static final int GAS_HEADROOM_PERCENT = 20;

    private final Web3j web3j;
    private final Credentials deployer;
    private final ChainId chainId;
    private final RawTransactionManager transactions;
    private final TransactionReceiptProcessor receipts;

    public ContractDeployer(Web3j web3j, Credentials deployer, ChainId chainId) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.receipts = new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_INTERVAL_MS, RECEIPT_POLL_ATTEMPTS);
        this.transactions = new RawTransactionManager(web3j, deployer, chainId.value(), receipts);
    }

    /**
     * Deploys {@code artifact} with constructor arguments already ABI-encoded (hex, see
     * {@link ContractArtifact#encodeConstructorArguments}) and returns the new contract's address.
     *
     * @throws ContractDeploymentException when the node refuses the transaction, it reverts, or no
     *                                     receipt arrives within about ten seconds
     */
    public EvmAddress deploy(ContractArtifact artifact, String encodedConstructorArguments) {
        String data = "0x" + artifact.bytecode() + strip0x(encodedConstructorArguments);
        try {
            BigInteger gasLimit = withHeadroom(estimateGas(artifact, data));
            BigInteger priorityFee = result(artifact, web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
            BigInteger maxFee = maxFeePerGas(artifact, priorityFee);
            EthSendTransaction sent = transactions.sendEIP1559Transaction(
                    chainId.value(), priorityFee, maxFee, gasLimit, null, data, BigInteger.ZERO, true);
            TransactionReceipt receipt = receipts.waitForTransactionReceipt(result(artifact, sent).getTransactionHash());
            return deployedAddress(artifact, receipt, gasLimit);
        } catch (IOException | TransactionException | ClientConnectionException e) {
            throw new ContractDeploymentException("deploying " + artifact.name() + " on chain " + chainId
                    + " failed: " + e.getMessage(), e);
        }
    }

    private BigInteger estimateGas(ContractArtifact artifact, String data) throws IOException {
        Transaction creation = Transaction.createContractTransaction(deployer.getAddress(), null, null, data);
        return result(artifact, web3j.ethEstimateGas(creation).send()).getAmountUsed();
    }

    /** Twice the current base fee plus the tip: stays valid through several full blocks. */
    private BigInteger maxFeePerGas(ContractArtifact artifact, BigInteger priorityFee) throws IOException {
        BigInteger baseFee = result(artifact, web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
                .getBlock().getBaseFeePerGas();
        return baseFee.shiftLeft(1).add(priorityFee);
    }

    private EvmAddress deployedAddress(ContractArtifact artifact, TransactionReceipt receipt, BigInteger gasLimit) {
        if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
            throw new ContractDeploymentException("deploying " + artifact.name() + " on chain " + chainId
                    + " reverted in transaction " + receipt.getTransactionHash() + " (status " + receipt.getStatus()
                    + ", gas used " + receipt.getGasUsed() + " of " + gasLimit + ")");
        }
        return EvmAddress.parse(receipt.getContractAddress());
    }

    private <R extends Response<?>> R result(ContractArtifact artifact, R response) {
        if (response.hasError()) {
            throw new ContractDeploymentException("deploying " + artifact.name() + " on chain " + chainId
                    + ": the node answered error " + response.getError().getCode() + ": " + response.getError().getMessage());
        }
        return response;
    }

    private static BigInteger withHeadroom(BigInteger gas) {
        return gas.multiply(BigInteger.valueOf(100 + GAS_HEADROOM_PERCENT)).divide(BigInteger.valueOf(100));
    }

    private static String strip0x(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }
}
