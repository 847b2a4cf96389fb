package io.swapdesk.chains.internal;

import io.swapdesk.chains.SignerKey;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.web3j.crypto.Credentials;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The signer keys of each configured chain: {@code chains.signers.<chainId>}, comma-separated private keys (e.g. the
 * environment variable {@code CHAINS_SIGNERS_31337}). A key never appears in a message: an invalid one is reported by
 * its chain and position only.
 */
@ApplicationScoped
public class SignerKeys {

    static final String PREFIX = "chains.signers.";

    private final Map<ChainId, Map<EvmAddress, SignerKey>> byChain;

    /** For the CDI client proxy only. */
    protected SignerKeys() {
        this.byChain = Map.of();
    }

    @Inject
    public SignerKeys(ChainSettings settings, Config config) {
        Map<ChainId, Map<EvmAddress, SignerKey>> keys = new LinkedHashMap<>();
        for (ChainId chain : settings.endpoints().keySet()) {
            Optional<String> value = config.getOptionalValue(PREFIX + chain, String.class);
            value.ifPresent(text -> keys.put(chain, parse(chain, text)));
        }
        this.byChain = Collections.unmodifiableMap(keys);
    }

    SignerKeys(Map<ChainId, Map<EvmAddress, SignerKey>> keys) {
        this.byChain = Map.copyOf(keys);
    }

    /** The keys of {@code chain} by their address; empty when none is configured. */
    public Map<EvmAddress, SignerKey> of(ChainId chain) {
        return byChain.getOrDefault(chain, Map.of());
    }

    public java.util.Set<ChainId> chains() {
        return byChain.keySet();
    }

    static Map<EvmAddress, SignerKey> parse(ChainId chain, String value) {
        Map<EvmAddress, SignerKey> keys = new LinkedHashMap<>();
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isBlank()) {
                continue;
            }
            SignerKey key;
            try {
                key = SignerKey.of(entries[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + chain + ": entry " + (i + 1) + " is not a private key ("
                        + e.getMessage() + ")");
            }
            keys.put(EvmAddress.parse(Credentials.create(key.reveal()).getAddress()), key);
        }
        return Collections.unmodifiableMap(keys);
    }
}
