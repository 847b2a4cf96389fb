package io.swapdesk.it;

import static io.swapdesk.it.SignInClient.challengeMessage;
import static io.swapdesk.it.SignInClient.createSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.chains.internal.ContractArtifact;
import io.swapdesk.chains.internal.ContractDeployer;
import io.swapdesk.identity.ChainFamily;
import io.swapdesk.platform.ChainId;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Signing in with real keys of every supported family, through the server's HTTP API. */
class SignInIT {

    /** Anvil's dev account 8, used only here: deploying contract wallets never races another test's nonce. */
    private static final String DEPLOYER_KEY = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";

    @Test
    void theEvmChallengeIsAnEip4361MessageForThisSite() throws Exception {
        TestWallet wallet = TestWallet.newEvm();

        HttpResponse<String> response = SignInClient.requestChallenge(wallet);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonObject challenge = Http.json(response);
        List<String> lines = challenge.getString("message").lines().toList();
        String domain = TestEnvironment.baseUri().getPort() > 0
                ? "localhost:" + TestEnvironment.baseUri().getPort() : "localhost";
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo(domain + " wants you to sign in with your Ethereum account:");
        assertThat(lines.get(1)).isEqualTo(wallet.address());
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(5)).isEqualTo("URI: http://" + domain);
        assertThat(lines.get(6)).isEqualTo("Version: 1");
        assertThat(lines.get(7)).isEqualTo("Chain ID: 31337");
        assertThat(lines.get(8)).matches("Nonce: [A-Za-z0-9]{24}");
        Instant issuedAt = Instant.parse(lines.get(9).substring("Issued At: ".length()));
        Instant expiresAt = Instant.parse(lines.get(10).substring("Expiration Time: ".length()));
        assertThat(Duration.between(issuedAt, expiresAt)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Instant.parse(challenge.getString("expiresAt"))).isEqualTo(expiresAt);
        assertThat(challenge.getString("challengeId")).hasSize(36);
    }

    @Test
    void aChallengeCanNameAnotherServedChain() throws Exception {
        TestWallet wallet = TestWallet.newEvm();

        HttpResponse<String> response = SignInClient.requestChallenge(jakarta.json.Json.createObjectBuilder()
                .add("chain", "evm").add("address", wallet.address()).add("chainId", 31338).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(Http.json(response).getString("message")).contains("\nChain ID: 31338\n");
    }

    @Test
    void eachNonceIsNew() throws Exception {
        TestWallet wallet = TestWallet.newEvm();

        assertThat(challengeMessage(wallet)).isNotEqualTo(challengeMessage(wallet));
    }

    @ParameterizedTest
    @EnumSource(value = ChainFamily.class, names = {"SOLANA", "STELLAR", "NEAR"})
    void anEd25519WalletSignsIn(ChainFamily family) throws Exception {
        TestWallet wallet = TestWallet.newEd25519(family);

        SignInClient.Session session = SignInClient.signIn(wallet);

        assertThat(session.body().getJsonArray("roles").getString(0)).isEqualTo("trader");
        JsonObject me = Http.json(Http.get(TestEnvironment.uri("/api/me"), session.token()));
        assertThat(me.getString("userId")).isEqualTo(session.userId());
        assertThat(me.getJsonArray("wallets").getJsonObject(0).getString("chain")).isEqualTo(family.wireName());
        assertThat(me.getJsonArray("wallets").getJsonObject(0).getString("address")).isEqualTo(wallet.address());
    }

    @Test
    void anEd25519SignatureAlsoReadsAsBase64() throws Exception {
        TestWallet wallet = TestWallet.newEd25519(ChainFamily.SOLANA);
        String message = challengeMessage(wallet);

        HttpResponse<String> response = createSession(message,
                java.util.Base64.getEncoder().encodeToString(wallet.signBytes(message)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void anEvmWalletSignsInAndItsFirstSignInCreatesTheUser() throws Exception {
        TestWallet wallet = TestWallet.newEvm();

        SignInClient.Session first = SignInClient.signIn(wallet);
        SignInClient.Session second = SignInClient.signIn(wallet);

        assertThat(first.userId()).hasSize(36).isEqualTo(second.userId());
        assertThat(first.body().getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("trader");
        assertThat(Instant.parse(first.body().getString("expiresAt")))
                .isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(960));
        assertThat(first.token().split("\\.")).hasSize(3);
    }

    @Test
    void aLowerCaseEvmAddressSignsInAsItsChecksummedForm() throws Exception {
        TestWallet wallet = TestWallet.newEvm();
        HttpResponse<String> response = SignInClient.requestChallenge(jakarta.json.Json.createObjectBuilder()
                .add("chain", "evm").add("address", wallet.address().toLowerCase()).build());
        String message = Http.json(response).getString("message");

        assertThat(message.lines().skip(1).findFirst()).contains(wallet.address());
        assertThat(createSession(message, wallet.sign(message)).statusCode()).isEqualTo(201);
    }

    @Test
    void aContractWalletSignsInThroughEip1271() throws Exception {
        TestWallet owner = TestWallet.newEvm();
        String walletAddress = deploySmartWallet(owner.address());
        TestWallet contractWallet = TestWallet.contractWallet(walletAddress, owner);

        SignInClient.Session session = SignInClient.signIn(contractWallet);

        JsonObject me = Http.json(Http.get(TestEnvironment.uri("/api/me"), session.token()));
        assertThat(me.getJsonArray("wallets").getJsonObject(0).getString("address")).isEqualTo(walletAddress);
    }

    @Test
    void aContractWalletRefusesAStrangersSignature() throws Exception {
        String walletAddress = deploySmartWallet(TestWallet.newEvm().address());
        TestWallet impostor = TestWallet.contractWallet(walletAddress, TestWallet.newEvm());
        String message = challengeMessage(impostor);

        Problems.assertProblem(createSession(message, impostor.sign(message)), 401, "INVALID_SIGNATURE");
    }

    private static String deploySmartWallet(String owner) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(TestEnvironment.chains().get(31337L)));
        try {
            ContractArtifact wallet = ContractArtifact.load("TestSmartWallet");
            return new ContractDeployer(web3j, Credentials.create(DEPLOYER_KEY), ChainId.of(31337))
                    .deploy(wallet, wallet.encodeConstructorArguments(List.of(owner))).toChecksumString();
        } finally {
            web3j.shutdown();
        }
    }
}
