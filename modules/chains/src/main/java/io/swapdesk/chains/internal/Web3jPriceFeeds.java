package io.swapdesk.chains.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.FeedRound;
import io.swapdesk.chains.PriceFeeds;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PriceFeeds} over {@link Chains#call}: the AggregatorV3Interface ABI, encoded and decoded
 * with web3j. Each feed's decimals are read once and remembered (they are immutable in every
 * Chainlink-interface aggregator).
 */
@ApplicationScoped
public class Web3jPriceFeeds implements PriceFeeds {

    private static final Function DECIMALS = new Function("decimals", List.of(),
            List.of(new TypeReference<Uint8>() { }));
    private static final Function LATEST_ROUND_DATA = new Function("latestRoundData", List.of(), List.of(
            new TypeReference<Uint80>() { }, new TypeReference<Int256>() { }, new TypeReference<Uint256>() { },
            new TypeReference<Uint256>() { }, new TypeReference<Uint80>() { }));
    private static final byte[] DECIMALS_CALL = Numeric.hexStringToByteArray(FunctionEncoder.encode(DECIMALS));
    private static final byte[] LATEST_ROUND_DATA_CALL =
            Numeric.hexStringToByteArray(FunctionEncoder.encode(LATEST_ROUND_DATA));

    private final Chains chains;
    private final Map<Feed, Integer> decimals = new ConcurrentHashMap<>();

    /** For the CDI client proxy only. */
    protected Web3jPriceFeeds() {
        this.chains = null;
    }

    @Inject
    public Web3jPriceFeeds(Chains chains) {
        this.chains = Objects.requireNonNull(chains, "chains");
    }

    @Override
    public FeedRound latestRound(ChainId chain, EvmAddress feed) {
        int feedDecimals = decimals(chain, feed);
        List<Type> round = decode(chain, feed, LATEST_ROUND_DATA, chains.call(chain, feed, LATEST_ROUND_DATA_CALL));
        return new FeedRound(uint(round.get(0)), (BigInteger) round.get(1).getValue(), feedDecimals,
                instant(uint(round.get(2))), instant(uint(round.get(3))), uint(round.get(4)));
    }

    private int decimals(ChainId chain, EvmAddress feed) {
        Feed key = new Feed(chain, feed);
        Integer known = decimals.get(key);
        if (known != null) {
            return known;
        }
        int read = uint(decode(chain, feed, DECIMALS, chains.call(chain, feed, DECIMALS_CALL)).get(0)).intValueExact();
        decimals.put(key, read);
        return read;
    }

    @SuppressWarnings({"rawtypes", "unchecked"}) // web3j decodes into raw Types
    private static List<Type> decode(ChainId chain, EvmAddress feed, Function function, byte[] returned) {
        List<Type> values = returned.length == 0 ? List.of()
                : FunctionReturnDecoder.decode(Numeric.toHexString(returned), function.getOutputParameters());
        if (values.size() != function.getOutputParameters().size()) {
            // An account without code answers an eth_call with nothing: not a feed.
            throw new DomainException(ChainsError.CALL_REVERTED, "chain " + chain + ": " + feed + " answered "
                    + function.getName() + " with " + returned.length + " bytes; it is not a Chainlink-interface feed",
                    Map.of("chainId", chain.value()));
        }
        return values;
    }

    private static BigInteger uint(Type<?> value) {
        return (BigInteger) value.getValue();
    }

    /** Seconds since the epoch; a value beyond what Instant holds is clamped, and reads as far in the future. */
    private static Instant instant(BigInteger seconds) {
        return seconds.bitLength() > 40 ? Instant.MAX : Instant.ofEpochSecond(seconds.longValueExact());
    }

    private record Feed(ChainId chain, EvmAddress address) {
    }
}
