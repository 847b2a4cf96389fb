package io.swapdesk.identity.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Sign-in outcomes in /metrics: a rising failure count by reason is how a credential-stuffing run shows. */
@ApplicationScoped
class SignInMetrics {

    private static final Metadata FAILURES = Metadata.builder()
            .withName("swapdesk.identity.signin.failures")
            .withDescription("Refused sign-in and wallet-link verifications, by stable error code")
            .build();
    private static final Metadata SUCCESSES = Metadata.builder()
            .withName("swapdesk.identity.signin.successes")
            .withDescription("Verified sign-ins and wallet links")
            .build();

    @Inject
    MetricRegistry registry;

    void failed(String code) {
        registry.counter(FAILURES, new Tag("reason", code)).inc();
    }

    void succeeded() {
        registry.counter(SUCCESSES).inc();
    }
}
