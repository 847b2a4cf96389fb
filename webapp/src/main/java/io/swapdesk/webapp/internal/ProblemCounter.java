package io.swapdesk.webapp.internal;

import io.swapdesk.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Counts every problem the server answers, by code and status: bad input is visible in /metrics, not only in logs. */
@ApplicationScoped
class ProblemCounter {

    private static final Metadata PROBLEMS = Metadata.builder()
            .withName("swapdesk.problems")
            .withDescription("Error responses (problem+json) sent, by stable code and HTTP status")
            .build();

    @Inject
    MetricRegistry registry;

    void count(Problem problem) {
        registry.counter(PROBLEMS, new Tag("code", problem.code()), new Tag("status", String.valueOf(problem.status())))
                .inc();
    }
}
