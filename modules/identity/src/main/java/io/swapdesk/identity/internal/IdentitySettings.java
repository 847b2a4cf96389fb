package io.swapdesk.identity.internal;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.WalletAddress;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The typed {@code identity.*} configuration, read once from MicroProfile Config. An invalid value
 * throws at construction, so a misconfigured server fails at startup, not at the first sign-in.
 */
@Dependent
public class IdentitySettings {

    static final String ADMIN_ADDRESSES = "identity.admin-addresses";

    private final String domain;
    private final String uri;
    private final Duration challengeTtl;
    private final Duration tokenTtl;
    private final String issuer;
    private final String audience;
    private final Path privateKeyLocation;
    private final Set<WalletAddress> bootstrapAdmins;
    private final Map<ChainFamily, String> ed25519ChainIds;
    private final int attemptsPerIpPerMinute;
    private final int attemptsPerAddressPerMinute;

    @Inject
    public IdentitySettings(
            @ConfigProperty(name = "identity.domain", defaultValue = "localhost:9080") String domain,
            @ConfigProperty(name = "identity.uri", defaultValue = "http://localhost:9080") String uri,
            @ConfigProperty(name = "identity.challenge-ttl-seconds", defaultValue = "300") long challengeTtlSeconds,
            @ConfigProperty(name = "identity.token-ttl-seconds", defaultValue = "900") long tokenTtlSeconds,
            @ConfigProperty(name = "identity.jwt.issuer", defaultValue = "swapdesk") String issuer,
            @ConfigProperty(name = "identity.jwt.audience", defaultValue = "swapdesk") String audience,
            @ConfigProperty(name = "identity.jwt.private-key-location", defaultValue = "jwt/private.pem") String privateKey,
            @ConfigProperty(name = ADMIN_ADDRESSES) Optional<String> adminAddresses,
            @ConfigProperty(name = "identity.solana.chain-id", defaultValue = "mainnet") String solanaChain,
            @ConfigProperty(name = "identity.stellar.chain-id", defaultValue = "pubnet") String stellarChain,
            @ConfigProperty(name = "identity.near.chain-id", defaultValue = "mainnet") String nearChain,
            @ConfigProperty(name = "identity.rate-limit.per-ip-per-minute", defaultValue = "60") int perIp,
            @ConfigProperty(name = "identity.rate-limit.per-address-per-minute", defaultValue = "10") int perAddress) {
        this.domain = domain;
        this.uri = uri;
        this.challengeTtl = Duration.ofSeconds(challengeTtlSeconds);
        this.tokenTtl = Duration.ofSeconds(tokenTtlSeconds);
        this.issuer = issuer;
        this.audience = audience;
        this.privateKeyLocation = Path.of(privateKey);
        this.bootstrapAdmins = adminAddresses.map(IdentitySettings::parseAdmins).orElse(Set.of());
        this.ed25519ChainIds = new EnumMap<>(ChainFamily.class);
        requirePositive("identity.challenge-ttl-seconds", challengeTtlSeconds);
        requirePositive("identity.token-ttl-seconds", tokenTtlSeconds);
        requirePositive("identity.rate-limit.per-ip-per-minute", perIp);
        requirePositive("identity.rate-limit.per-address-per-minute", perAddress);
        ed25519ChainIds.put(ChainFamily.SOLANA, solanaChain);
        ed25519ChainIds.put(ChainFamily.STELLAR, stellarChain);
        ed25519ChainIds.put(ChainFamily.NEAR, nearChain);
        this.attemptsPerIpPerMinute = perIp;
        this.attemptsPerAddressPerMinute = perAddress;
    }

    /** The domain (host[:port]) sign-in messages name: the site the user signs in to. */
    public String domain() {
        return domain;
    }

    /** The URI sign-in messages name. */
    public String uri() {
        return uri;
    }

    public Duration challengeTtl() {
        return challengeTtl;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public Path privateKeyLocation() {
        return privateKeyLocation;
    }

    /** Wallets whose users are admins by configuration ({@value #ADMIN_ADDRESSES}). */
    public Set<WalletAddress> bootstrapAdmins() {
        return bootstrapAdmins;
    }

    /** The chain id sign-in messages name for a non-EVM family (EVM uses the configured chains). */
    public String chainIdOf(ChainFamily family) {
        return ed25519ChainIds.get(family);
    }

    public int attemptsPerIpPerMinute() {
        return attemptsPerIpPerMinute;
    }

    public int attemptsPerAddressPerMinute() {
        return attemptsPerAddressPerMinute;
    }

    /** {@code evm:0xAbc…,solana:7Ex…}: family, colon, address; blanks around entries ignored. */
    static Set<WalletAddress> parseAdmins(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> {
                    int colon = entry.indexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException(ADMIN_ADDRESSES + ": each entry is <chain>:<address>, "
                                + "e.g. evm:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266; got " + entry);
                    }
                    try {
                        return WalletAddress.parse(ChainFamily.fromWireName(entry.substring(0, colon)),
                                entry.substring(colon + 1));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(ADMIN_ADDRESSES + ": " + e.getMessage(), e);
                    }
                })
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive; got " + value);
        }
    }
}
