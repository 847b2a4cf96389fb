package io.swapdesk.webapp.internal;

/** Keeps echoed client input short in error messages: a hostile 10 MB path must not come back in the body. */
final class Clip {

    private static final int MAX = 120;

    private Clip() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }
}
