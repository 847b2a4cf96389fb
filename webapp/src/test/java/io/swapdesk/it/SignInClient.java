package io.swapdesk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Signs test wallets in through the real HTTP flow: challenge, signature, token. */
public final class SignInClient {

    private SignInClient() {
    }

    public static HttpResponse<String> requestChallenge(TestWallet wallet) throws IOException, InterruptedException {
        return requestChallenge(Json.createObjectBuilder().add("chain", wallet.family().wireName())
                .add("address", wallet.address()).build());
    }

    public static HttpResponse<String> requestChallenge(JsonObject body) throws IOException, InterruptedException {
        return Http.json("POST", TestEnvironment.uri("/api/auth/challenges"), null, body.toString());
    }

    /** The message of a new challenge for {@code wallet}. */
    public static String challengeMessage(TestWallet wallet) throws IOException, InterruptedException {
        HttpResponse<String> response = requestChallenge(wallet);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).getString("message");
    }

    public static HttpResponse<String> createSession(String message, String signature)
            throws IOException, InterruptedException {
        return Http.json("POST", TestEnvironment.uri("/api/auth/sessions"), null, sessionBody(message, signature));
    }

    public static String sessionBody(String message, String signature) {
        return Json.createObjectBuilder().add("message", message).add("signature", signature).build().toString();
    }

    /** Signs {@code wallet} in and returns the session: token, userId, roles. */
    public static Session signIn(TestWallet wallet) throws IOException, InterruptedException {
        String message = challengeMessage(wallet);
        HttpResponse<String> response = createSession(message, wallet.sign(message));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject session = Http.json(response);
        return new Session(session.getString("token"), session.getString("userId"), session);
    }

    /** A fresh user with a new EVM wallet. */
    public static Session newTrader() throws IOException, InterruptedException {
        return signIn(TestWallet.newEvm());
    }

    /** The bootstrap admin bin/test configures. */
    public static Session admin() throws IOException, InterruptedException {
        return signIn(TestWallet.evm(TestWallet.ADMIN_KEY));
    }

    public record Session(String token, String userId, JsonObject body) {
    }
}
