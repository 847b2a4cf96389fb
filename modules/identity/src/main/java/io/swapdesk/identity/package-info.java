/**
 * The identity module: users, their verified wallets and sign-in challenges (EIP-4361 for EVM, ed25519 for
 * Solana, Stellar and NEAR), and the short-lived tokens that authorise every later call. It owns the {@code identity}
 * schema; other modules learn who is calling, and whether an address is one of the caller's wallets, through this package.
 */
package io.swapdesk.identity;
