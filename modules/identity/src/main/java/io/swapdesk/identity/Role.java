package io.swapdesk.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user may do; a token's {@code groups} claim lists the user's roles by {@link #wireName()}. */
public enum Role {
    /** Every signed-in user: quotes, wallets, own account. */
    TRADER,
    /** Operators: risk limits, pauses, roles, the audit log ({@code /api/admin/**}). */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Role fromWireName(String text) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be one of " + Arrays.stream(values())
                        .map(Role::wireName).collect(Collectors.joining(", "))));
    }
}
