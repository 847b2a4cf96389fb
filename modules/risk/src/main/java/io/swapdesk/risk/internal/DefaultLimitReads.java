package io.swapdesk.risk.internal;

import io.swapdesk.risk.LimitKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Reads the limit of every kind that applies to every scope ('*'), in a transaction of its own. */
@ApplicationScoped
class DefaultLimitReads {

    @Inject
    RiskStore store;

    @Inject
    RiskSettings settings;

    @Transactional(Transactional.TxType.REQUIRED)
    Map<LimitKind, BigInteger> read() {
        Map<LimitKind, BigInteger> limits = new EnumMap<>(LimitKind.class);
        for (LimitKind kind : LimitKind.values()) {
            limits.put(kind, store.limit(kind, "*").orElse(settings.defaultCents().get(kind)));
        }
        return Collections.unmodifiableMap(limits);
    }
}
