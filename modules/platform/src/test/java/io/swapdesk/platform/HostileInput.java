package io.swapdesk.platform;

import io.swapdesk.platform.internal.Inputs;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Shared fixtures and checks for the parsers' hostile-input tests. */
final class HostileInput {

    /** 10 MiB: far past any cap, so only a length-first check can refuse it in microseconds. */
    static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    /** Generous on purpose: these tests are about complexity (no full scan or parse), not speed. */
    private static final Duration FAST_ENOUGH = Duration.ofSeconds(2);

    private HostileInput() {
    }

    static String tenMegabytesOf(char c) {
        return String.valueOf(c).repeat(TEN_MEGABYTES);
    }

    /** Runs the call, asserts it fails with the code, and returns the exception for more checks. */
    static DomainException rejects(ErrorCode code, Executable call) {
        DomainException failure = catchThrowableOfType(DomainException.class, call::execute);
        assertThat(failure).as("expected a DomainException").isNotNull();
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.detail()).isNotBlank();
        return failure;
    }

    /** Asserts a huge input is refused quickly and the detail does not echo it. */
    static void rejectsQuicklyWithoutEcho(ErrorCode code, Executable call) {
        DomainException failure = assertTimeoutPreemptively(FAST_ENOUGH, () -> rejects(code, call));
        assertThat(failure.detail().length()).isLessThan(400);
        assertThat(failure.detail()).doesNotContain("x".repeat(Inputs.ECHO_LIMIT + 1))
                .doesNotContain("1".repeat(Inputs.ECHO_LIMIT + 1))
                .doesNotContain("a".repeat(Inputs.ECHO_LIMIT + 1));
    }
}
