/**
 * The published surface of the chains module: what other modules may use to read EVM chains.
 *
 * <p>The chains module owns RPC access to EVM chains through web3j (later also RPC checkpoints,
 * signer accounts and nonces). Other modules see only the records, interfaces and error codes in
 * this package, such as {@link io.swapdesk.chains.Chains}, {@link io.swapdesk.chains.ChainHead},
 * {@link io.swapdesk.chains.PriceFeeds} (Chainlink-interface feeds) and {@link io.swapdesk.chains.TestAggregators}
 * (the local test feed);
 * web3j types never leave this module, and nothing here may mention them. Implementations,
 * settings and tools live in {@code io.swapdesk.chains.internal}, which no other module imports.
 */
package io.swapdesk.chains;
