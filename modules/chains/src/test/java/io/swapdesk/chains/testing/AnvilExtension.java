package io.swapdesk.chains.testing;

import io.swapdesk.platform.ChainId;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real anvil chain on a free loopback port for the tests of one class.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final AnvilExtension CHAIN = AnvilExtension.withChainId(31337);
 * </pre>
 *
 * <p>Register it on a static field: it starts before all tests of the class and stops after them.
 * A test may also start and stop its own instance ({@code try (var c = AnvilExtension.withChainId(7).start())}).
 * The binary is {@code $ANVIL_BIN}, else {@code node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil}
 * in the working directory or one of its parents; a missing binary fails the test, it never skips it.
 * anvil's default mnemonic makes its dev accounts, and so {@link #DEV_KEY_0}, the same every run.
 */
public final class AnvilExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Dev account 0 of anvil's default mnemonic: 10 000 ETH, and the deployer in tests. */
    public static final String DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final String DEV_ADDRESS_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    /** Dev account 1 of anvil's default mnemonic: 10 000 ETH, a second independent user. */
    public static final String DEV_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    public static final String DEV_ADDRESS_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    static final String BINARY_VARIABLE = "ANVIL_BIN";
    private static final Path BINARY_IN_NODE_MODULES = Path.of("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** Another process may take the free port between our probe and anvil's bind. */
    private static final int START_ATTEMPTS = 3;

    /** Every anvil still running, killed by a shutdown hook so none outlives an aborted test JVM. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "anvil-reaper"));
    }

    private final ChainId chainId;
    private Process process;
    private Path log;
    private int port;

    private AnvilExtension(ChainId chainId) {
        this.chainId = chainId;
    }

    public static AnvilExtension withChainId(long chainId) {
        return new AnvilExtension(ChainId.of(chainId));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts anvil and returns once it answers eth_chainId with this chain's id. */
    public synchronized AnvilExtension start() {
        if (process != null) {
            throw new IllegalStateException("anvil for chain " + chainId + " is already running on port " + port);
        }
        Path binary = binary();
        for (int attempt = 1; ; attempt++) {
            launch(binary, freeLoopbackPort());
            if (awaitChainId()) {
                return this;
            }
            String output = stopAndReadLog();
            if (attempt == START_ATTEMPTS) {
                throw new IllegalStateException("anvil for chain " + chainId + " did not answer eth_chainId within "
                        + STARTUP_TIMEOUT.toSeconds() + " s, " + START_ATTEMPTS + " attempts; its last output:\n" + output);
            }
        }
    }

    /** Stops anvil; the chain and its state are gone. Safe to call twice. */
    public synchronized void stop() {
        if (process != null) {
            stopAndReadLog();
        }
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    public ChainId chainId() {
        return chainId;
    }

    public synchronized String rpcUrl() {
        if (process == null) {
            throw new IllegalStateException("anvil for chain " + chainId + " is not running; register AnvilExtension"
                    + " on a static field with @RegisterExtension, or call start()");
        }
        return "http://127.0.0.1:" + port;
    }

    /** The private key of dev account 0, funded and deterministic. */
    public String devAccountKey() {
        return DEV_KEY_0;
    }

    /** Mines {@code blocks} empty blocks at once (anvil_mine), e.g. to reach a confirmation depth. */
    public void mine(int blocks) {
        HttpService service = new HttpService(rpcUrl());
        Response<?> answer = send(new Request<>("anvil_mine", List.of("0x" + Integer.toHexString(blocks)), service,
                MineResponse.class));
        if (answer.hasError()) {
            throw new IllegalStateException("anvil_mine failed: " + answer.getError().getMessage());
        }
    }

    private void launch(Path binary, int freePort) {
        try {
            log = Files.createTempFile("anvil-" + chainId + "-", ".log");
            process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(freePort),
                    "--chain-id", chainId.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        port = freePort;
        RUNNING.add(process);
    }

    private boolean awaitChainId() {
        Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + port));
        try {
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                if (answersChainId(web3j)) {
                    return true;
                }
                sleep(POLL_INTERVAL);
            }
            return false;
        } finally {
            web3j.shutdown();
        }
    }

    private boolean answersChainId(Web3j web3j) {
        try {
            EthChainId answer = web3j.ethChainId().send();
            return !answer.hasError() && answer.getChainId().longValueExact() == chainId.value();
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private String stopAndReadLog() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
        process = null;
        try {
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read anvil's log " + log, e);
        }
    }

    static Path binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return requireExecutable(Path.of(configured), "$" + BINARY_VARIABLE);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BINARY_IN_NODE_MODULES);
            if (Files.exists(candidate)) {
                return requireExecutable(candidate, candidate.toString());
            }
        }
        throw new IllegalStateException("anvil not found: no " + BINARY_IN_NODE_MODULES + " in " + start
                + " or its parents. Run `npm install` at the repository root (bin/test and bin/swapdesk do it), or set " + BINARY_VARIABLE + " to an anvil binary.");
    }

    private static Path requireExecutable(Path binary, String source) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil at " + source + " (" + binary + ") is missing or not executable");
        }
        return binary;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static <R extends Response<?>> R send(Request<?, R> request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new UncheckedIOException(request.getMethod() + " failed", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }

    /** anvil_mine answers null. */
    public static final class MineResponse extends Response<Object> {
    }
}
