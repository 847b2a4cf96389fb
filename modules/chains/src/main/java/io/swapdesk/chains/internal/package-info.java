/**
 * The implementation of the chains module: configuration ({@link ChainSettings}), the web3j-based
 * {@link io.swapdesk.chains.Chains} ({@link Web3jChains}) with its metrics, the readiness check, and
 * the contract tooling (compiled artifacts, deployment, the {@code DeployContract} command).
 *
 * <p>This is the only place where web3j and OkHttp types may appear. No other module imports this
 * package; what they need is published in {@code io.swapdesk.chains} as records and interfaces.
 */
package io.swapdesk.chains.internal;
