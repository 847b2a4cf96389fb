package io.swapdesk.chains.internal;

/** A contract could not be deployed: the node refused the transaction, or it reverted or never got mined. */
public class ContractDeploymentException extends RuntimeException {

    public ContractDeploymentException(String message) {
        super(message);
    }

    public ContractDeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
