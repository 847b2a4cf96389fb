package io.swapdesk.risk;

/** Why a quote's reservation is released. */
public enum Release {
    /** Delivered: the treasury reservation ends (the balance itself has dropped); the value stays counted for the day. */
    DELIVERED,
    /** Refunded: nothing was swapped, so the treasury reservation and the day's counted value are both given back. */
    REFUNDED
}
