package io.swapdesk.chains.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

class EscrowCalldataTest {

    private final Web3jEscrows escrows = new Web3jEscrows(null);

    @Test
    void theDepositCalldataIsWhatWeb3jsEncoderWrites() {
        Random random = new Random(7);
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        List<BigInteger> amounts = new java.util.ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE,
                BigInteger.valueOf(100_000_000), BigInteger.TWO.pow(255), max));
        for (int i = 0; i < 200; i++) {
            amounts.add(new BigInteger(1 + random.nextInt(256), random));
        }
        for (BigInteger amount : amounts) {
            byte[] tokenBytes = new byte[20];
            random.nextBytes(tokenBytes);
            EvmAddress token = EvmAddress.of(tokenBytes);
            QuoteRef quote = new QuoteRef(new UUID(random.nextLong(), random.nextLong()));

            String expected = FunctionEncoder.encode(new Function("deposit", List.of(new Bytes32(quote.toBytes32()),
                    new Address(token.toChecksumString()), new Uint256(amount)), List.of()));

            assertThat(Numeric.toHexString(escrows.depositCalldata(quote, token, amount))).as(amount.toString())
                    .isEqualTo(expected);
        }
    }

    @Test
    void anAmountOutsideUint256IsRefused() {
        EvmAddress token = EvmAddress.of(new byte[20]);
        QuoteRef quote = new QuoteRef(UUID.randomUUID());
        assertThatThrownBy(() -> escrows.depositCalldata(quote, token, BigInteger.valueOf(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> escrows.depositCalldata(quote, token, BigInteger.TWO.pow(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
