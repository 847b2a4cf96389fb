package io.swapdesk.it;

import static io.swapdesk.it.Problems.assertProblem;
import static io.swapdesk.it.SignInClient.challengeMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.identity.ChainFamily;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Tokens, roles and wallets: who may call what, and no user ever touching another's account. */
class AccessIT {

    @Test
    void withoutATokenTheApiAnswers401WithHowToAuthenticate() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/api/me"));

        assertProblem(response, 401, "NOT_SIGNED_IN");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void noRouteSlipsPastTheTokenCheck() throws Exception {
        for (String path : new String[] {"/api/me/", "/api//me", "/api/me;x=1", "/api/auth/../me", "/api/auth/%2e%2e/me",
                "/api/prices/../me", "/api/no-such-route", "/api/admin"}) {
            HttpResponse<String> response = Http.get(TestEnvironment.uri(path));
            assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain("userId");
        }
    }

    @Test
    void onlyBearerTokensAreAccepted() throws Exception {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(TestEnvironment.uri("/api/me"))
                .header("Authorization", "Basic YWRtaW46YWRtaW4="));

        assertProblem(response, 401, "NOT_SIGNED_IN");
        assertThat(Http.json(response).getString("detail")).contains("Bearer");
    }

    @Test
    void aBadTokenOnAPublicRouteIsIgnored() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        HttpResponse<String> response = Http.json("POST", TestEnvironment.uri("/api/auth/challenges"), "not.a.token",
                SignInRefusalsIT.challengeBody(wallet).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        SignInClient.Session trader = SignInClient.newTrader();
        String expired = TestTokens.sign(TestTokens.claims(trader.userId(), -120, "trader"), TestTokens.serverKey());

        assertProblem(Http.get(TestEnvironment.uri("/api/me"), expired), 401, "INVALID_TOKEN");
    }

    @Test
    void aFreshTokenSignedWithTheServersKeyIsAccepted() throws Exception {
        // The control for the refusals around it: the forging itself is right.
        SignInClient.Session trader = SignInClient.newTrader();
        String forged = TestTokens.sign(TestTokens.claims(trader.userId(), 300, "trader"), TestTokens.serverKey());

        assertThat(Http.get(TestEnvironment.uri("/api/me"), forged).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        SignInClient.Session trader = SignInClient.newTrader();
        String[] parts = trader.token().split("\\.");
        String elevated = TestTokens.encode(TestTokens.claims(trader.userId(), 300, "trader", "admin").toString());
        String tampered = parts[0] + "." + elevated + "." + parts[2];

        assertProblem(Http.get(TestEnvironment.uri("/api/me"), tampered), 401, "INVALID_TOKEN");
        assertProblem(Http.get(TestEnvironment.uri("/api/admin/users/" + trader.userId() + "/roles"), tampered),
                401, "INVALID_TOKEN");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        SignInClient.Session trader = SignInClient.newTrader();
        String foreign = TestTokens.sign(TestTokens.claims(trader.userId(), 300, "trader", "admin"), TestTokens.otherKey());

        assertProblem(Http.get(TestEnvironment.uri("/api/me"), foreign), 401, "INVALID_TOKEN");
    }

    @Test
    void garbageTokensAreRefused() throws Exception {
        for (String garbage : new String[] {"x", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "Bearer"}) {
            assertProblem(Http.get(TestEnvironment.uri("/api/me"), garbage), 401, "INVALID_TOKEN");
        }
    }

    @Test
    void aTraderCannotReachTheAdminApi() throws Exception {
        SignInClient.Session trader = SignInClient.newTrader();

        assertProblem(Http.get(TestEnvironment.uri("/api/admin/users/" + trader.userId() + "/roles"), trader.token()),
                403, "ROLE_REQUIRED");
        assertProblem(Http.json("PUT", TestEnvironment.uri("/api/admin/users/" + trader.userId() + "/roles/admin"),
                trader.token(), null), 403, "ROLE_REQUIRED");
        assertThat(roleRows(trader.userId())).isZero();
    }

    @Test
    void theBootstrapAdminGrantsAndRevokesAdminAndEachChangeIsAudited() throws Exception {
        SignInClient.Session admin = SignInClient.admin();
        assertThat(admin.body().getJsonArray("roles").getValuesAs(JsonString::getString)).containsExactly("admin", "trader");
        TestWallet wallet = TestWallet.newEvm();
        SignInClient.Session user = SignInClient.signIn(wallet);
        String roles = "/api/admin/users/" + user.userId() + "/roles";

        HttpResponse<String> granted = Http.json("PUT", TestEnvironment.uri(roles + "/admin"), admin.token(), null);
        HttpResponse<String> grantedAgain = Http.json("PUT", TestEnvironment.uri(roles + "/admin"), admin.token(), null);

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(Http.json(grantedAgain).getJsonArray("roles").getValuesAs(JsonString::getString))
                .containsExactly("admin", "trader");
        SignInClient.Session promoted = SignInClient.signIn(wallet);
        assertThat(promoted.body().getJsonArray("roles").getValuesAs(JsonString::getString)).contains("admin");
        assertThat(Http.get(TestEnvironment.uri(roles), promoted.token()).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = Http.json("DELETE", TestEnvironment.uri(roles + "/admin"), admin.token(), null);

        assertThat(Http.json(revoked).getJsonArray("roles").getValuesAs(JsonString::getString)).containsExactly("trader");
        assertThat(auditEntries(user.userId())).containsExactly("role.granted", "role.revoked");
        assertThat(auditActor(user.userId())).isEqualTo("user:" + admin.userId());
    }

    @Test
    void badRoleChangesAreProblemsAndChangeNothing() throws Exception {
        SignInClient.Session admin = SignInClient.admin();
        SignInClient.Session user = SignInClient.newTrader();

        assertProblem(Http.json("PUT", TestEnvironment.uri("/api/admin/users/" + user.userId() + "/roles/king"),
                admin.token(), null), 400, "INVALID_REQUEST");
        assertProblem(Http.json("DELETE", TestEnvironment.uri("/api/admin/users/" + user.userId() + "/roles/trader"),
                admin.token(), null), 409, "ROLE_NOT_CHANGEABLE");
        assertProblem(Http.json("PUT", TestEnvironment.uri("/api/admin/users/not-a-uuid/roles/admin"),
                admin.token(), null), 404, "USER_NOT_FOUND");
        assertProblem(Http.json("PUT", TestEnvironment.uri(
                "/api/admin/users/01900000-0000-7000-8000-000000000000/roles/admin"), admin.token(), null),
                404, "USER_NOT_FOUND");
        assertProblem(Http.json("DELETE", TestEnvironment.uri("/api/admin/users/" + admin.userId() + "/roles/admin"),
                admin.token(), null), 409, "ROLE_NOT_CHANGEABLE");
        assertThat(auditEntries(user.userId())).isEmpty();
    }

    @Test
    void aUserLinksListsAndRemovesWalletsOfEveryFamily() throws Exception {
        TestWallet first = TestWallet.newEvm();
        SignInClient.Session session = SignInClient.signIn(first);
        TestWallet solana = TestWallet.newEd25519(ChainFamily.SOLANA);
        TestWallet near = TestWallet.newEd25519(ChainFamily.NEAR);

        assertThat(link(session, solana).statusCode()).isEqualTo(201);
        HttpResponse<String> linked = link(session, near);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(Http.json(linked).getString("address")).isEqualTo(near.address());

        JsonObject me = Http.json(Http.get(TestEnvironment.uri("/api/me"), session.token()));
        assertThat(me.getJsonArray("wallets")).hasSize(3);
        assertThat(SignInClient.signIn(solana).userId()).isEqualTo(session.userId());

        HttpResponse<String> removed = Http.json("DELETE", TestEnvironment.uri("/api/me/wallets/"
                + URLEncoder.encode(solana.address(), StandardCharsets.UTF_8)), session.token(), null);
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(Http.get(TestEnvironment.uri("/api/me/wallets"), session.token()).body())
                .doesNotContain(solana.address()).contains(near.address());
    }

    @Test
    void aWalletOwnedByAnotherUserCannotBeLinked() throws Exception {
        TestWallet contested = TestWallet.newEvm();
        SignInClient.Session owner = SignInClient.signIn(contested);
        SignInClient.Session other = SignInClient.newTrader();

        assertProblem(link(other, contested), 409, "WALLET_OWNED_BY_ANOTHER_USER");

        assertThat(SignInClient.signIn(contested).userId()).isEqualTo(owner.userId());
        assertThat(Http.get(TestEnvironment.uri("/api/me/wallets"), other.token()).body())
                .doesNotContain(contested.address());
    }

    @Test
    void aUserCannotRemoveAnotherUsersWalletNorTheirOwnLastOne() throws Exception {
        TestWallet victimWallet = TestWallet.newEvm();
        SignInClient.Session victim = SignInClient.signIn(victimWallet);
        SignInClient.Session attacker = SignInClient.newTrader();

        assertProblem(Http.json("DELETE", TestEnvironment.uri("/api/me/wallets/" + victimWallet.address()),
                attacker.token(), null), 404, "WALLET_NOT_FOUND");
        assertProblem(Http.json("DELETE", TestEnvironment.uri("/api/me/wallets/" + victimWallet.address()),
                victim.token(), null), 409, "LAST_WALLET");
        assertThat(Http.get(TestEnvironment.uri("/api/me/wallets"), victim.token()).body())
                .contains(victimWallet.address());
    }

    @Test
    void aTraderCannotReadAnotherUsersRoles() throws Exception {
        SignInClient.Session victim = SignInClient.newTrader();
        SignInClient.Session attacker = SignInClient.newTrader();

        assertProblem(Http.get(TestEnvironment.uri("/api/admin/users/" + victim.userId() + "/roles"),
                attacker.token()), 403, "ROLE_REQUIRED");
    }

    @Test
    void linkingNeedsASignedChallengeOfTheNewWallet() throws Exception {
        SignInClient.Session session = SignInClient.newTrader();
        TestWallet wanted = TestWallet.newEvm();
        String message = challengeMessage(wanted);

        HttpResponse<String> response = Http.json("POST", TestEnvironment.uri("/api/me/wallets"), session.token(),
                SignInClient.sessionBody(message, TestWallet.newEvm().sign(message)));

        assertProblem(response, 401, "INVALID_SIGNATURE");
        assertThat(Http.get(TestEnvironment.uri("/api/me/wallets"), session.token()).body())
                .doesNotContain(wanted.address());
    }

    private static HttpResponse<String> link(SignInClient.Session session, TestWallet wallet) throws Exception {
        String message = challengeMessage(wallet);
        return Http.json("POST", TestEnvironment.uri("/api/me/wallets"), session.token(),
                SignInClient.sessionBody(message, wallet.sign(message)));
    }

    private static int roleRows(String userId) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM identity.user_roles WHERE user_id = ?::uuid")) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static java.util.List<String> auditEntries(String userId) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT action FROM risk.audit_log WHERE subject = ? ORDER BY occurred_at, id")) {
            query.setString(1, "user:" + userId);
            java.util.List<String> actions = new java.util.ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1));
                }
            }
            return actions;
        }
    }

    private static String auditActor(String userId) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT actor FROM risk.audit_log WHERE subject = ? LIMIT 1")) {
            query.setString(1, "user:" + userId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
