/**
 * Test support for code that talks to EVM chains: {@link io.swapdesk.chains.testing.AnvilExtension}
 * runs real local anvil chains. Published in the module's test-jar for other modules' tests; it
 * must never be needed by production code, and it holds no test cases itself.
 */
package io.swapdesk.chains.testing;
