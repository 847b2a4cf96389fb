package io.swapdesk.it;

import static io.swapdesk.it.Problems.assertProblem;
import static io.swapdesk.it.SignInClient.challengeMessage;
import static io.swapdesk.it.SignInClient.createSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.identity.ChainFamily;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a sign-in can be wrong ends in a 4xx problem+json and changes nothing: no user, no
 * wallet, and the challenge stays usable unless it was really used.
 */
class SignInRefusalsIT {

    @Test
    void aUsedChallengeCannotSignInAgain() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        String signature = wallet.sign(message);
        assertThat(createSession(message, signature).statusCode()).isEqualTo(201);

        assertProblem(createSession(message, signature), 409, "CHALLENGE_USED");
    }

    @Test
    void twoConcurrentVerificationsOfOneChallengeSignInExactlyOnce() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        String signature = wallet.sign(message);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                attempts.add(() -> createSession(message, signature));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> result : pool.invokeAll(attempts)) {
                statuses.add(result.get().statusCode());
            }

            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(walletRows(wallet.address())).isEqualTo(1);
    }

    @Test
    void anExpiredChallengeIsRefusedAndSignsNobodyIn() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        try (Connection db = TestEnvironment.database();
             PreparedStatement expire = db.prepareStatement("UPDATE identity.challenges SET issued_at = now() - "
                     + "interval '10 minutes', expires_at = now() - interval '5 minutes' WHERE address = ?")) {
            expire.setString(1, wallet.address());
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        assertProblem(createSession(message, wallet.sign(message)), 422, "CHALLENGE_EXPIRED");
        assertThat(walletRows(wallet.address())).isZero();
    }

    @Test
    void expiredChallengesArePurged() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        try (Connection db = TestEnvironment.database();
             PreparedStatement expire = db.prepareStatement("UPDATE identity.challenges SET issued_at = now() - "
                     + "interval '10 minutes', expires_at = now() - interval '5 minutes' WHERE address = ?")) {
            expire.setString(1, wallet.address());
            expire.executeUpdate();
        }

        challengeMessage(TestWallet.newEvm());

        assertThat(challengeRows(wallet.address())).isZero();
        assertProblem(createSession(message, wallet.sign(message)), 422, "UNKNOWN_CHALLENGE");
    }

    @Test
    void aMessageForAnotherDomainIsRefusedEvenWhenSigned() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        String domain = message.substring(0, message.indexOf(' '));
        String forged = message.replace(domain, "evil.example");

        assertProblem(createSession(forged, wallet.sign(forged)), 422, "WRONG_DOMAIN");
        assertThat(createSession(message, wallet.sign(message)).statusCode()).isEqualTo(201);
    }

    @Test
    void aMessageForAnotherChainIsRefusedEvenWhenSigned() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        String forged = message.replace("\nChain ID: 31337\n", "\nChain ID: 1\n");

        assertProblem(createSession(forged, wallet.sign(forged)), 422, "WRONG_CHAIN");
    }

    @Test
    void aMessageWithAnotherAddressOrTimeIsRefused() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        TestWallet other = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        String otherAddress = message.replace(wallet.address(), other.address());

        assertProblem(createSession(otherAddress, other.sign(otherAddress)), 400, "INVALID_MESSAGE");
        assertThat(walletRows(other.address())).isZero();
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);

        HttpResponse<String> response = createSession(message, TestWallet.newEvm().sign(message));

        assertProblem(response, 401, "INVALID_SIGNATURE");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertThat(response.body()).doesNotContain(message.substring(message.indexOf("Nonce: ") + 7,
                message.indexOf("Nonce: ") + 31));
        assertThat(createSession(message, wallet.sign(message)).statusCode()).isEqualTo(201);
    }

    @Test
    void malformedEvmSignaturesOfEveryLengthAreRefusedAndChangeNothing() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        byte[] valid = wallet.signBytes(message);
        for (int length = 0; length <= 132; length++) {
            byte[] bytes = Arrays.copyOf(valid, length);
            if (length == 65) {
                bytes[64] ^= 0x7f;
            }
            HttpResponse<String> response = createSession(message, "0x" + HexFormat.of().formatHex(bytes));
            assertThat(response.statusCode()).as("length %d: %s", length, response.body()).isIn(400, 401);
            assertThat(response.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
        }
        for (String garbage : List.of("0x", "0xzz", "0x123", "not base64 at all!", "x".repeat(20_000))) {
            assertThat(createSession(message, garbage).statusCode()).as(garbage.substring(0, Math.min(20,
                    garbage.length()))).isIn(400, 401);
        }
        assertThat(walletRows(wallet.address())).isZero();
        assertThat(createSession(message, wallet.sign(message)).statusCode()).isEqualTo(201);
    }

    @Test
    void malformedEd25519SignaturesOfEveryLengthAreRefused() throws Exception {
        TestWallet wallet = TestWallet.newEd25519(ChainFamily.STELLAR);
        String message = challengeMessage(wallet);
        byte[] valid = wallet.signBytes(message);
        for (int length = 1; length <= 130; length++) {
            byte[] bytes = Arrays.copyOf(valid, length);
            if (length == 64) {
                bytes[10] ^= 1;
            }
            HttpResponse<String> response = createSession(message, "0x" + HexFormat.of().formatHex(bytes));
            assertThat(response.statusCode()).as("length %d: %s", length, response.body()).isIn(400, 401);
        }
        assertThat(createSession(message, wallet.sign(message)).statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"chain\":\"evm\"}",
        "{\"chain\":\"bitcoin\",\"address\":\"1BoatSLRHtKNngkdXEeobR76b53LETtpyT\"}",
        "{\"chain\":\"evm\",\"address\":\"0x123\"}",
        "{\"chain\":\"evm\",\"address\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267\"}",
        "{\"chain\":\"evm\",\"address\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"chainId\":5}",
        "{\"chain\":\"evm\",\"address\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"chainId\":\"x\"}",
        "{\"chain\":\"solana\",\"address\":\"0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl\"}",
        "{\"chain\":\"solana\",\"address\":\"11111111111111111111111111111111111\"}",
        "{\"chain\":\"stellar\",\"address\":\"GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN8\"}",
        "{\"chain\":\"stellar\",\"address\":\"GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWNA\"}",
        "{\"chain\":\"near\",\"address\":\"Alice.near\"}",
        "{\"chain\":\"near\",\"address\":\"alice.near\"}",
        "{\"chain\":\"solana\",\"address\":\"7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV\",\"chainId\":\"devnet\"}",
        "{\"chain\":7,\"address\":\"x\"}",
        "[]",
        "not json"
    })
    void badChallengeRequestsAreProblemsThatSayWhatToFix(String body) throws Exception {
        HttpResponse<String> response = Http.json("POST", TestEnvironment.uri("/api/auth/challenges"), null, body);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 422);
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("code")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"message\":\"hello\",\"signature\":\"0x00\"}",
        "{\"message\":7,\"signature\":\"0x00\"}",
        "{\"signature\":\"0x00\"}"
    })
    void badSessionRequestsAreProblems(String body) throws Exception {
        HttpResponse<String> response = Http.json("POST", TestEnvironment.uri("/api/auth/sessions"), null, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    @Test
    void aHugeMessageIsRefusedBeforeParsing() throws Exception {
        HttpResponse<String> response = createSession("x".repeat(50_000), "0x00");

        assertProblem(response, 400, "INVALID_MESSAGE");
    }

    @Test
    void tooManyChallengesForOneAddressAreRateLimited() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        int limit = Integer.parseInt(System.getenv().getOrDefault("IDENTITY_RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "10"));
        HttpResponse<String> last = null;
        // Fixed one-minute windows: a run that straddles a minute boundary may need up to twice the limit.
        for (int i = 0; i <= 2 * limit + 1; i++) {
            last = SignInClient.requestChallenge(wallet);
            if (last.statusCode() == 429) {
                break;
            }
        }

        assertProblem(last, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(challengeRows(wallet.address())).isBetween(limit, 2 * limit);
    }

    private static int walletRows(String address) throws Exception {
        return count("SELECT count(*) FROM identity.wallets WHERE address = ?", address);
    }

    private static int challengeRows(String address) throws Exception {
        return count("SELECT count(*) FROM identity.challenges WHERE address = ?", address);
    }

    private static int count(String sql, String address) throws Exception {
        try (Connection db = TestEnvironment.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, address);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static JsonObject challengeBody(TestWallet wallet) {
        return Json.createObjectBuilder().add("chain", wallet.family().wireName()).add("address", wallet.address())
                .build();
    }
}
