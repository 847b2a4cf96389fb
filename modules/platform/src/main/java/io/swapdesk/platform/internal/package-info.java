/**
 * Implementation details of the shared kernel: input checks shared by the value types and the
 * Keccak-256 hash behind EIP-55 checksums, and the CDI producer of the application clock.
 *
 * <p>Not API. Other modules must not import this package; its types are public only because the
 * value types in {@code io.swapdesk.platform} need them across the package boundary.
 */
package io.swapdesk.platform.internal;
