package io.swapdesk.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The limits a commit reserves against, each in US cents of the quote's value at its price snapshot. */
public enum LimitKind {
    /** The largest single quote. */
    PER_QUOTE,
    /** The value committed per destination chain per UTC day. */
    CHAIN_DAILY,
    /** The value committed per user per UTC day. */
    USER_DAILY;

    /** {@code per-quote}, {@code chain-daily}, {@code user-daily}: as in the API and the settings. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<LimitKind> fromWireName(String text) {
        return Arrays.stream(values()).filter(kind -> kind.wireName().equals(text)).findFirst();
    }
}
