package io.swapdesk.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.platform.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInMessageTest {

    private static final SignInMessage MESSAGE = new SignInMessage("swapdesk.example", ChainFamily.EVM,
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", SignInMessage.STATEMENT, "https://swapdesk.example", "1",
            "AbC123xyz789AbC123xyz789", Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:05:00Z"));

    @Test
    void rendersTheEip4361Layout() {
        assertThat(MESSAGE.render()).isEqualTo("""
                swapdesk.example wants you to sign in with your Ethereum account:
                0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266

                Sign in to SwapDesk. Signing is free: it sends no transaction and moves no funds.

                URI: https://swapdesk.example
                Version: 1
                Chain ID: 1
                Nonce: AbC123xyz789AbC123xyz789
                Issued At: 2026-11-21T10:00:00Z
                Expiration Time: 2026-11-21T10:05:00Z""");
    }

    @Test
    void parsingWhatWasRenderedGivesItBack() {
        assertThat(SignInMessage.parse(MESSAGE.render())).isEqualTo(MESSAGE);
    }

    @Test
    void otherFamiliesNameTheirChain() {
        SignInMessage solana = new SignInMessage("d", ChainFamily.SOLANA, "addr", "s", "u", "mainnet", "abcdefgh",
                MESSAGE.issuedAt(), MESSAGE.expiresAt());

        assertThat(solana.render()).startsWith("d wants you to sign in with your Solana account:\naddr\n");
        assertThat(SignInMessage.parse(solana.render())).isEqualTo(solana);
    }

    @Test
    void refusesWhatIsNotASignInMessage() {
        String text = MESSAGE.render();
        assertRefused(null, "required");
        assertRefused("", "required");
        assertRefused("x".repeat(3000), "at most 2048");
        assertRefused(text.replace("\n", "\r\n"), "layout");
        assertRefused(text.replace("Version: 1", "Version: 2"), "Version must be 1");
        assertRefused(text.replace("Nonce: AbC123xyz789AbC123xyz789", "Nonce: short"), "Nonce");
        assertRefused(text.replace("Ethereum account", "Bitcoin account"), "no supported chain");
        assertRefused(text.replace("2026-11-21T10:05:00Z", "tomorrow"), "Expiration Time");
        assertRefused(text.replace("URI: ", "Url: "), "line 6");
        assertRefused(text + "\nResources:", "layout");
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> SignInMessage.parse(text)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(IdentityError.INVALID_MESSAGE);
            assertThat(e.detail()).contains(reason);
        });
    }
}
