package io.swapdesk.identity.internal;

/** Helpers for echoing client input safely in error details. */
final class Inputs {

    private static final int MAX_ECHO = 40;

    private Inputs() {
    }

    /** The input, cut to a length that keeps error details short, and never more. */
    static String clip(String input) {
        if (input == null) {
            return "nothing";
        }
        return input.length() > MAX_ECHO ? input.substring(0, MAX_ECHO) + "…" : input;
    }
}
