package io.swapdesk.platform;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

class PlatformErrorTest {

    /** Published codes and statuses. Clients depend on them: add rows, never change or remove one. */
    private static final Map<String, Integer> PUBLISHED = Map.ofEntries(
            entry("INVALID_AMOUNT", 400),
            entry("INVALID_ADDRESS", 400),
            entry("INVALID_CHAIN_ID", 400),
            entry("INVALID_ASSET", 400),
            entry("INVALID_REQUEST", 400),
            entry("MALFORMED_JSON", 400),
            entry("UNSUPPORTED_MEDIA_TYPE", 415),
            entry("NOT_ACCEPTABLE", 406),
            entry("NOT_FOUND", 404),
            entry("METHOD_NOT_ALLOWED", 405),
            entry("PAYLOAD_TOO_LARGE", 413),
            entry("CONFLICT", 409),
            entry("UNPROCESSABLE", 422),
            entry("TOO_MANY_REQUESTS", 429),
            entry("SERVICE_UNAVAILABLE", 503),
            entry("INTERNAL_ERROR", 500),
            entry("UNAUTHORIZED", 401),
            entry("FORBIDDEN", 403),
            entry("BAD_GATEWAY", 502));

    @Test
    void publishedCodesKeepTheirNamesAndStatuses() {
        Map<String, Integer> actual = Arrays.stream(PlatformError.values())
                .collect(Collectors.toMap(PlatformError::code, PlatformError::status));
        assertThat(actual).containsAllEntriesOf(PUBLISHED);
    }

    @Test
    void codesAreUniqueScreamingSnakeCase() {
        Map<String, PlatformError> byCode = Arrays.stream(PlatformError.values())
                .collect(Collectors.toMap(PlatformError::code, Function.identity()));
        assertThat(byCode).hasSize(PlatformError.values().length);
        assertThat(byCode.keySet()).allMatch(code -> code.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"));
    }

    @Test
    void everyCodeHasAnErrorStatusAndAShortTitle() {
        for (PlatformError error : PlatformError.values()) {
            assertThat(error.status()).as(error.code()).isBetween(400, 599);
            assertThat(error.title()).as(error.code()).isNotBlank().hasSizeLessThan(40);
        }
    }

    @Test
    void typeIsAUrnDerivedFromTheCode() {
        assertThat(PlatformError.INVALID_AMOUNT.type()).isEqualTo(URI.create("urn:swapdesk:problem:invalid-amount"));
        assertThat(PlatformError.NOT_FOUND.type()).hasToString("urn:swapdesk:problem:not-found");
    }

    @Test
    void typeIsTheSameUnderATurkishDefaultLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(PlatformError.INVALID_CHAIN_ID.type()).hasToString("urn:swapdesk:problem:invalid-chain-id");
        } finally {
            Locale.setDefault(original);
        }
    }

    /** A module's own codes get the same type scheme from the interface's default method. */
    private enum QuoteError implements ErrorCode {
        QUOTE_EXPIRED;

        @Override
        public String code() {
            return name();
        }

        @Override
        public int status() {
            return 409;
        }

        @Override
        public String title() {
            return "Quote expired";
        }
    }

    @Test
    void otherModulesCodesGetTheSameTypeScheme() {
        assertThat(QuoteError.QUOTE_EXPIRED.type()).hasToString("urn:swapdesk:problem:quote-expired");
    }
}
