package io.swapdesk.it;

import static io.swapdesk.it.SignInClient.challengeMessage;
import static io.swapdesk.it.SignInClient.createSession;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Floods, failure metrics, and secrets kept out of the server log. */
class SignInAbuseIT {

    @Test
    void oneIpTryingManyAddressesIsRateLimitedWhileOthersAreNot() throws Exception {
        // Another loopback address is another client IP to the server: the flood does not touch the other tests.
        InetAddress flooder = InetAddress.getByName("127.0.0.2");
        int limit = Integer.parseInt(System.getenv().getOrDefault("IDENTITY_RATE_LIMIT_PER_IP_PER_MINUTE", "60"));
        int refusedAt = -1;
        // Fixed one-minute windows: a flood that straddles a minute boundary may need up to twice the limit.
        for (int i = 0; i <= 2 * limit + 1 && refusedAt < 0; i++) {
            String body = "{\"message\":\"" + messageFor(TestWallet.newEvm().address()) + "\",\"signature\":\"0x00\"}";
            String status = postFrom(flooder, "/api/auth/sessions", body);
            if (status.contains(" 429 ")) {
                refusedAt = i;
            } else {
                assertThat(status).as("attempt %d", i).contains(" 422 ");
            }
        }

        assertThat(refusedAt).as("a 429 within %d attempts", 2 * limit + 2).isBetween(limit, 2 * limit);
        TestWallet bystander = TestWallet.newEvm();
        String message = challengeMessage(bystander);
        assertThat(createSession(message, bystander.sign(message)).statusCode()).isEqualTo(201);
    }

    @Test
    void refusedVerificationsAreCountedByReason() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        createSession(message, TestWallet.newEvm().sign(message));

        String metrics = Http.get(TestEnvironment.uri("/metrics?scope=application")).body();

        assertThat(metrics.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("swapdesk_identity_signin_failures_total{").contains("reason=\"INVALID_SIGNATURE\""));
        assertThat(metrics).contains("swapdesk_identity_signin_successes_total");
    }

    @Test
    void noncesSignaturesAndTokensNeverReachTheServerLog() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        String message = challengeMessage(wallet);
        String nonce = message.lines().filter(line -> line.startsWith("Nonce: ")).findFirst().orElseThrow().substring(7);
        String badSignature = TestWallet.newEvm().sign(message);
        String goodSignature = wallet.sign(message);
        createSession(message, badSignature);
        String token = Http.json(createSession(message, goodSignature)).getString("token");
        Http.get(TestEnvironment.uri("/api/me"), token + "x");

        Path log = Path.of(System.getProperty("arquillian.wlpHome"), "usr", "servers",
                System.getProperty("arquillian.serverName"), "logs", "messages.log");
        String logged = Files.readString(log);

        assertThat(logged).doesNotContain(nonce, badSignature.substring(2, 40), goodSignature.substring(2, 40),
                token.substring(token.lastIndexOf('.') + 1, token.lastIndexOf('.') + 30));
    }

    /** A well-formed message for this server whose nonce was never issued. */
    private static String messageFor(String address) {
        String domain = "localhost:" + TestEnvironment.baseUri().getPort();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return (domain + " wants you to sign in with your Ethereum account:\\n" + address + "\\n\\nSign in.\\n\\nURI: http://"
                + domain + "\\nVersion: 1\\nChain ID: 31337\\nNonce: NeverIssued" + Long.toHexString(System.nanoTime())
                + "\\nIssued At: " + now + "\\nExpiration Time: " + now.plusSeconds(300));
    }

    /** One POST from a chosen local address, on a connection of its own; returns the status line. */
    private static String postFrom(InetAddress local, String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName(TestEnvironment.baseUri().getHost()),
                TestEnvironment.baseUri().getPort(), local, 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
