package io.swapdesk.chains.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed {@code chains.*} configuration, read once from MicroProfile Config.
 *
 * <p>Dependent scope: the settings are an immutable value, so each bean that needs them simply
 * gets its own copy, without a client proxy. An invalid value throws at construction, which
 * {@link Web3jChains} triggers at application startup.
 */
@Dependent
public class ChainSettings {

    static final String ENDPOINTS = "chains.endpoints";
    static final String RPC_TIMEOUT_MS = "chains.rpc-timeout-ms";
    static final String MAX_HEAD_AGE_SECONDS = "chains.max-head-age-seconds";
    static final String ESCROWS = "chains.escrows";

    private static final String ENTRY_FORMAT = "<chain id>=<http(s) RPC URL>, e.g. 31337=http://127.0.0.1:8545";

    private final Map<ChainId, URI> endpoints;
    private final Duration rpcTimeout;
    private final Duration maxHeadAge;
    private final Map<ChainId, EvmAddress> escrows;

    /**
     * @param endpoints         {@code 31337=http://127.0.0.1:8545,31338=http://127.0.0.1:8546};
     *                          MicroProfile Config treats an empty value as absent, hence Optional
     * @param rpcTimeoutMs      connect, read and whole-call timeout of each RPC request
     * @param maxHeadAgeSeconds a chain whose newest block is older is reported not ready
     */
    @Inject
    public ChainSettings(
            @ConfigProperty(name = ENDPOINTS) Optional<String> endpoints,
            @ConfigProperty(name = RPC_TIMEOUT_MS, defaultValue = "3000") long rpcTimeoutMs,
            @ConfigProperty(name = MAX_HEAD_AGE_SECONDS, defaultValue = "60") long maxHeadAgeSeconds,
            @ConfigProperty(name = ESCROWS) Optional<String> escrows) {
        this(parseEndpoints(endpoints.orElse("")),
                positive(RPC_TIMEOUT_MS, rpcTimeoutMs, Duration.ofMillis(rpcTimeoutMs)),
                positive(MAX_HEAD_AGE_SECONDS, maxHeadAgeSeconds, Duration.ofSeconds(maxHeadAgeSeconds)),
                parseEscrows(escrows.orElse("")));
    }

    ChainSettings(Map<ChainId, URI> endpoints, Duration rpcTimeout, Duration maxHeadAge) {
        this(endpoints, rpcTimeout, maxHeadAge, Map.of());
    }

    ChainSettings(Map<ChainId, URI> endpoints, Duration rpcTimeout, Duration maxHeadAge, Map<ChainId, EvmAddress> escrows) {
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        this.rpcTimeout = Objects.requireNonNull(rpcTimeout, "rpcTimeout");
        this.maxHeadAge = Objects.requireNonNull(maxHeadAge, "maxHeadAge");
        this.escrows = Collections.unmodifiableMap(new LinkedHashMap<>(escrows));
        for (ChainId chain : this.escrows.keySet()) {
            if (!this.endpoints.containsKey(chain)) {
                throw new IllegalArgumentException(ESCROWS + ": chain " + chain + " has an escrow but no endpoint in "
                        + ENDPOINTS);
            }
        }
    }

    /** The RPC URL of each configured chain, in configuration order; unmodifiable. */
    public Map<ChainId, URI> endpoints() {
        return endpoints;
    }

    public Duration rpcTimeout() {
        return rpcTimeout;
    }

    public Duration maxHeadAge() {
        return maxHeadAge;
    }

    /** The escrow contract of each chain that has one ({@code chains.escrows}); unmodifiable. */
    public Map<ChainId, EvmAddress> escrows() {
        return escrows;
    }

    /**
     * Parses {@code chains.escrows}: comma-separated {@code <chain id>=<escrow address>} entries; blank means none.
     *
     * @throws IllegalArgumentException naming the property and the offending entry
     */
    public static Map<ChainId, EvmAddress> parseEscrows(String value) {
        Map<ChainId, EvmAddress> escrows = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return escrows;
        }
        for (String rawEntry : value.split(",", -1)) {
            String entry = rawEntry.strip();
            int separator = entry.indexOf('=');
            if (separator < 0) {
                throw new IllegalArgumentException(ESCROWS + ": invalid entry \"" + entry + "\": expected "
                        + "<chain id>=<escrow address>, e.g. 31337=0x5FbDB2315678afecb367f032d93F642f64180aa3");
            }
            try {
                ChainId chain = ChainId.parse(entry.substring(0, separator).strip());
                if (escrows.putIfAbsent(chain, EvmAddress.parse(entry.substring(separator + 1).strip())) != null) {
                    throw new IllegalArgumentException(ESCROWS + ": chain " + chain + " is configured twice");
                }
            } catch (DomainException e) {
                throw new IllegalArgumentException(ESCROWS + ": invalid entry \"" + entry + "\": " + e.detail());
            }
        }
        return escrows;
    }

    /**
     * Parses {@code chains.endpoints}: comma-separated {@code <chain id>=<http(s) URL>} entries,
     * blanks around entries ignored; a blank value means no chains.
     *
     * @throws IllegalArgumentException naming the property and the offending entry
     */
    public static Map<ChainId, URI> parseEndpoints(String value) {
        Map<ChainId, URI> endpoints = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return endpoints;
        }
        for (String rawEntry : value.split(",", -1)) {
            String entry = rawEntry.strip();
            int separator = entry.indexOf('=');
            if (separator < 0) {
                throw invalidEntry(entry, "it has no '='");
            }
            ChainId chain = chainId(entry, entry.substring(0, separator).strip());
            URI url = rpcUrl(entry, entry.substring(separator + 1).strip());
            if (endpoints.putIfAbsent(chain, url) != null) {
                throw invalidEntry(entry, "chain id " + chain + " is configured twice");
            }
        }
        return endpoints;
    }

    private static ChainId chainId(String entry, String text) {
        try {
            return ChainId.parse(text);
        } catch (DomainException e) {
            throw invalidEntry(entry, e.detail());
        }
    }

    private static URI rpcUrl(String entry, String text) {
        String lowerCase = text.toLowerCase(Locale.ROOT);
        if (!lowerCase.startsWith("http://") && !lowerCase.startsWith("https://")) {
            throw invalidEntry(entry, "the RPC URL must start with http:// or https://");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw invalidEntry(entry, "the RPC URL is malformed: " + e.getReason());
        }
        if (url.getHost() == null) {
            throw invalidEntry(entry, "the RPC URL has no host");
        }
        return url;
    }

    private static IllegalArgumentException invalidEntry(String entry, String reason) {
        // The entry is echoed on purpose: the operator must see which one to fix. Hosted RPC URLs
        // can embed an API key, but this message goes to whoever already holds the configuration.
        return new IllegalArgumentException(ENDPOINTS + ": invalid entry \"" + entry + "\": " + reason
                + "; expected " + ENTRY_FORMAT + ", entries separated by commas");
    }

    private static Duration positive(String property, long value, Duration duration) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be a positive number; got " + value);
        }
        return duration;
    }
}
