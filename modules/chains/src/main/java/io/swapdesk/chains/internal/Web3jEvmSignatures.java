package io.swapdesk.chains.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.EvmSignatures;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link EvmSignatures} with web3j's secp256k1 recovery and an ABI-encoded EIP-1271 call through {@link Chains}. */
@ApplicationScoped
public class Web3jEvmSignatures implements EvmSignatures {

    private static final byte[] EIP1271_MAGIC = Numeric.hexStringToByteArray("0x1626ba7e");
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private final Chains chains;

    /** For the CDI client proxy only. */
    protected Web3jEvmSignatures() {
        this.chains = null;
    }

    @Inject
    public Web3jEvmSignatures(Chains chains) {
        this.chains = chains;
    }

    @Override
    public Optional<EvmAddress> recoverPersonalSigner(byte[] message, byte[] signature) {
        if (signature.length != 65) {
            return Optional.empty();
        }
        byte[] r = Arrays.copyOfRange(signature, 0, 32);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        int v = signature[64] & 0xff;
        if (v < 27) {
            v += 27;
        }
        if ((v != 27 && v != 28) || new BigInteger(1, s).compareTo(HALF_CURVE_ORDER) > 0) {
            return Optional.empty();
        }
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message, new Sign.SignatureData((byte) v, r, s));
            return Optional.of(EvmAddress.parse(Keys.toChecksumAddress(Keys.getAddress(publicKey))));
        } catch (SignatureException | IllegalArgumentException notRecoverable) {
            // r or s outside the curve's range, or no point for r: not a signature anyone made.
            return Optional.empty();
        }
    }

    @Override
    public boolean isValidContractSignature(ChainId chain, EvmAddress wallet, byte[] message, byte[] signature) {
        Function isValidSignature = new Function("isValidSignature",
                List.of(new Bytes32(Sign.getEthereumMessageHash(message)), new DynamicBytes(signature)),
                List.of(new TypeReference<Bytes4>() { }));
        byte[] answer;
        try {
            answer = chains.call(chain, wallet, Numeric.hexStringToByteArray(FunctionEncoder.encode(isValidSignature)));
        } catch (DomainException e) {
            if (e.code() == ChainsError.CALL_REVERTED) {
                return false;
            }
            throw e;
        }
        // bytes4 is returned left-aligned in a 32-byte word.
        return answer.length == 32 && Arrays.equals(Arrays.copyOf(answer, 4), EIP1271_MAGIC);
    }
}
