/**
 * The shared kernel of SwapDesk: the value types every module uses (amounts, chains, assets,
 * addresses, ids), the error model (error codes, {@link io.swapdesk.platform.DomainException},
 * RFC 9457 problems), the {@link io.swapdesk.platform.Outbox} contract that state changes publish
 * through, the one {@link java.time.Clock} every module injects, and the
 * {@link io.swapdesk.platform.BatchWriter} that takes writes off threads that must not wait.
 *
 * <p>It holds no state and owns no tables (the notifications module stores the outbox). It must not
 * depend on any other SwapDesk module; every other module may depend on it. Anything that is not API
 * lives in {@code io.swapdesk.platform.internal}.
 */
package io.swapdesk.platform;
