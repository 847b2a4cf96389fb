package io.swapdesk.identity.internal;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.platform.DomainException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a wallet signs to sign in: for EVM exactly the EIP-4361 ("Sign-In with Ethereum")
 * format; for Solana, Stellar and NEAR the same fields in the same layout, with the family's name in
 * the first line. {@link #render()} and {@link #parse(String)} are inverses.
 *
 * <pre>
 * ${domain} wants you to sign in with your ${Ethereum|Solana|Stellar|NEAR} account:
 * ${address}
 *
 * ${statement}
 *
 * URI: ${uri}
 * Version: 1
 * Chain ID: ${chainId}
 * Nonce: ${nonce}
 * Issued At: ${issuedAt}
 * Expiration Time: ${expiresAt}
 * </pre>
 */
public record SignInMessage(String domain, ChainFamily family, String address, String statement, String uri,
                            String chainId, String nonce, Instant issuedAt, Instant expiresAt) {

    public static final String STATEMENT =
            "Sign in to SwapDesk. Signing is free: it sends no transaction and moves no funds.";
    /** Longer than any message this server issues; anything longer is refused before parsing. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern FIRST_LINE = Pattern.compile("(\\S+) wants you to sign in with your (\\S+) account:");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,64}");
    private static final String[] FIELDS = {"URI", "Version", "Chain ID", "Nonce", "Issued At", "Expiration Time"};

    public SignInMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String render() {
        return domain + " wants you to sign in with your " + family.displayName() + " account:\n"
                + address + "\n\n"
                + statement + "\n\n"
                + "URI: " + uri + "\n"
                + "Version: 1\n"
                + "Chain ID: " + chainId + "\n"
                + "Nonce: " + nonce + "\n"
                + "Issued At: " + issuedAt + "\n"
                + "Expiration Time: " + expiresAt;
    }

    /**
     * Reads a message in the layout above. It checks the layout only; whether the message is one
     * this server issued is the caller's business.
     *
     * @throws DomainException {@link IdentityError#INVALID_MESSAGE} naming the first thing that is wrong
     */
    public static SignInMessage parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("message is required: send the message of a challenge exactly as issued");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("message is " + text.length() + " characters; a sign-in message has at most " + MAX_LENGTH);
        }
        String[] lines = text.split("\n", -1);
        if (lines.length != 11 || !lines[2].isEmpty() || !lines[4].isEmpty()) {
            throw invalid("message does not have the sign-in layout (11 lines, EIP-4361): send the challenge's "
                    + "message exactly as issued, with \\n line breaks");
        }
        Matcher first = FIRST_LINE.matcher(lines[0]);
        if (!first.matches()) {
            throw invalid("the first line must read '<domain> wants you to sign in with your <chain> account:'");
        }
        ChainFamily family = familyNamed(first.group(2));
        Map<String, String> fields = fields(lines);
        if (!"1".equals(fields.get("Version"))) {
            throw invalid("Version must be 1");
        }
        String nonce = fields.get("Nonce");
        if (!NONCE.matcher(nonce).matches()) {
            throw invalid("Nonce must be 8 to 64 letters and digits");
        }
        return new SignInMessage(first.group(1), family, lines[1], lines[3], fields.get("URI"),
                fields.get("Chain ID"), nonce, instant(fields, "Issued At"), instant(fields, "Expiration Time"));
    }

    private static Map<String, String> fields(String[] lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.length; i++) {
            String line = lines[5 + i];
            String prefix = FIELDS[i] + ": ";
            if (!line.startsWith(prefix) || line.length() == prefix.length()) {
                throw invalid("line " + (6 + i) + " must be '" + FIELDS[i] + ": <value>'");
            }
            fields.put(FIELDS[i], line.substring(prefix.length()));
        }
        return fields;
    }

    private static ChainFamily familyNamed(String displayName) {
        for (ChainFamily family : ChainFamily.values()) {
            if (family.displayName().equals(displayName)) {
                return family;
            }
        }
        throw invalid("the first line names no supported chain (Ethereum, Solana, Stellar, NEAR)");
    }

    private static Instant instant(Map<String, String> fields, String name) {
        try {
            return Instant.parse(fields.get(name));
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
    }

    private static DomainException invalid(String detail) {
        return new DomainException(IdentityError.INVALID_MESSAGE, detail, Map.of("field", "message"));
    }
}
