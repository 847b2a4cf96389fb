package io.swapdesk.quotes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.platform.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuoteMathTest {

    private static final BigInteger USDC_100 = BigInteger.valueOf(100_000_000L);

    @Test
    void convertsBetweenDecimalsExactlyAtADirectPrice() {
        // 100 USDC (6 decimals) at 0.0005 ETH per USDC = 0.05 ETH (18 decimals)
        assertThat(QuoteMath.convert(USDC_100, 6, 18, new BigDecimal("0.0005"), false, Rounding.DOWN))
                .isEqualTo(new BigInteger("50000000000000000"));
    }

    @Test
    void convertsAtAnInvertedPrice() {
        // 1 WETH at USDC-ETH 0.0005 inverted = 2000 USDC
        assertThat(QuoteMath.convert(BigInteger.TEN.pow(18), 18, 6, new BigDecimal("0.0005"), true, Rounding.DOWN))
                .isEqualTo(BigInteger.valueOf(2_000_000_000L));
    }

    @Test
    void roundsOnceInTheDirectionAsked() {
        // 1 unit at 1/3 can only be 0 paid out, 1 charged
        BigDecimal third = new BigDecimal("3");
        assertThat(QuoteMath.convert(BigInteger.ONE, 0, 0, third, true, Rounding.DOWN)).isZero();
        assertThat(QuoteMath.convert(BigInteger.ONE, 0, 0, third, true, Rounding.UP)).isEqualTo(BigInteger.ONE);
        // A price with a negative scale (2E+3) is the fraction 2000/1
        assertThat(QuoteMath.convert(BigInteger.TWO, 0, 0, new BigDecimal("2E+3"), false, Rounding.DOWN))
                .isEqualTo(BigInteger.valueOf(4000));
    }

    @Test
    void feeIsChargedUpAndTheMinimumRoundsDown() {
        QuoteMath.Conversion conversion = QuoteMath.quote(BigInteger.valueOf(1_000_001), 6, 6, BigDecimal.ONE, false,
                30, 50);

        assertThat(conversion.gross()).isEqualTo(BigInteger.valueOf(1_000_001));
        assertThat(conversion.fee()).isEqualTo(BigInteger.valueOf(3001)); // 3000.003 rounded up
        assertThat(conversion.amountOut()).isEqualTo(BigInteger.valueOf(997_000));
        assertThat(conversion.minAmountOut()).isEqualTo(BigInteger.valueOf(992_015)); // 992015 exactly
        assertThat(conversion.amountOut().add(conversion.fee())).isEqualTo(conversion.gross());
    }

    @Test
    void usdValueRoundsUp() {
        assertThat(QuoteMath.usdCents(BigInteger.valueOf(1_000_001), 6, BigDecimal.ONE, false))
                .isEqualTo(BigInteger.valueOf(101)); // 1.000001 USD is charged as 1.01
        assertThat(QuoteMath.usdCents(new BigInteger("50000000000000000"), 18, new BigDecimal("2000"), false))
                .isEqualTo(BigInteger.valueOf(10_000));
    }

    @Test
    void theLifetimeShrinksAsTheConfidenceWidens() {
        Duration max = Duration.ofSeconds(120);
        Duration min = Duration.ofSeconds(20);
        BigDecimal widest = new BigDecimal("0.005");
        BigDecimal price = new BigDecimal("2000");

        assertThat(QuoteMath.ttl(price, BigDecimal.ZERO, max, min, widest)).isEqualTo(max);
        assertThat(QuoteMath.ttl(price, new BigDecimal("5"), max, min, widest)).isEqualTo(Duration.ofSeconds(70));
        assertThat(QuoteMath.ttl(price, new BigDecimal("10"), max, min, widest)).isEqualTo(min);
        assertThat(QuoteMath.ttl(price, new BigDecimal("500"), max, min, widest)).isEqualTo(min);
        assertThat(QuoteMath.ttl(price, new BigDecimal("0.001"), max, min, widest)).isEqualTo(Duration.ofSeconds(119));
    }
}
