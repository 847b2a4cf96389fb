package io.swapdesk.chains.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.Escrows;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** {@link Escrows} with web3j's ABI encoder over {@link Chains#call}. */
@ApplicationScoped
public class Web3jEscrows implements Escrows {

    private final Chains chains;

    /** For the CDI client proxy only. */
    protected Web3jEscrows() {
        this.chains = null;
    }

    @Inject
    public Web3jEscrows(Chains chains) {
        this.chains = chains;
    }

    @Override
    public byte[] depositCalldata(QuoteRef quote, EvmAddress token, BigInteger amount) {
        return encode(new Function("deposit", List.of(new Bytes32(quote.toBytes32()), address(token),
                new Uint256(amount)), List.of()));
    }

    @Override
    public byte[] fillCalldata(QuoteRef quote, EvmAddress token, EvmAddress recipient, BigInteger amount) {
        return encode(new Function("fill", List.of(new Bytes32(quote.toBytes32()), address(token), address(recipient),
                new Uint256(amount)), List.of()));
    }

    @Override
    public boolean filled(ChainId chain, EvmAddress escrow, QuoteRef quote) {
        byte[] answer = chains.call(chain, escrow, encode(new Function("filled",
                List.of(new Bytes32(quote.toBytes32())), List.of(new TypeReference<Bool>() { }))));
        if (answer.length != 32) {
            throw new DomainException(ChainsError.CALL_REVERTED, "chain " + chain + ": " + escrow
                    + " did not answer filled(bytes32) like an escrow", Map.of("chainId", chain.value()));
        }
        return new BigInteger(1, answer).signum() != 0;
    }

    private static Address address(EvmAddress address) {
        return new Address(address.toChecksumString());
    }

    private static byte[] encode(Function function) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(function));
    }
}
