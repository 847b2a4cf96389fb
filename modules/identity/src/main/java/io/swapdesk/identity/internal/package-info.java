/**
 * Sign-in (challenges, signature checks per family, rate limits), token issuing and verification, the access filter
 * for {@code /api}, the REST resources of {@code /api/auth}, {@code /api/me} and {@code /api/admin/users}, and the
 * SQL of the {@code identity} schema. Not to be imported by other modules: they use {@code io.swapdesk.identity}.
 */
package io.swapdesk.identity.internal;
