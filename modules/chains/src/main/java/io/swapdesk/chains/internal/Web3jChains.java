package io.swapdesk.chains.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swapdesk.chains.ChainHead;
import io.swapdesk.chains.Chains;
import io.swapdesk.chains.ChainsError;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Chains} over one web3j client per configured chain, all sharing one OkHttp client whose
 * connect, read and whole-call timeouts are {@code chains.rpc-timeout-ms}.
 *
 * <p>Before the first read from a chain, the endpoint's {@code eth_chainId} must equal the
 * configured id (remembered once verified): reading balances from the wrong chain would look like
 * valid data. Every RPC call is counted by {@link RpcMetrics}.
 *
 * <p>Fault tolerance: the timeout is enforced by OkHttp's call timeout rather than MicroProfile's
 * {@code @Timeout}, so a slow chain surfaces as {@link ChainsError#CHAIN_UNAVAILABLE} and not as a
 * generic TimeoutException. No {@code @CircuitBreaker} here on purpose: its state is per method, so
 * one dead chain would open the breaker for every chain; per-endpoint breakers arrive with provider
 * sets (several RPC providers per chain, quorum). No {@code @Retry} either: callers choose, since
 * only they know whether a stale answer or a delay is worse.
 */
@ApplicationScoped
public class Web3jChains implements Chains {

    private static final Logger LOG = Logger.getLogger(Web3jChains.class.getName());
    /** web3j polls only for its reactive streams, which this class does not use. */
    private static final long UNUSED_POLLING_INTERVAL_MS = 15_000;

    private final Map<ChainId, ChainClient> clients;
    private final Map<ChainId, EvmAddress> escrows;
    private final OkHttpClient http;
    private final ScheduledExecutorService web3jScheduler;
    private final RpcMetrics metrics;
    private final Duration rpcTimeout;

    /** For the CDI client proxy only; never used to serve calls. */
    protected Web3jChains() {
        this.clients = Map.of();
        this.escrows = Map.of();
        this.http = null;
        this.web3jScheduler = null;
        this.metrics = null;
        this.rpcTimeout = null;
    }

    @Inject
    public Web3jChains(ChainSettings settings, MetricRegistry registry) {
        this.rpcTimeout = settings.rpcTimeout();
        this.metrics = new RpcMetrics(registry);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(rpcTimeout)
                .readTimeout(rpcTimeout)
                .writeTimeout(rpcTimeout)
                .callTimeout(rpcTimeout)
                .build();
        // One shared scheduler instead of web3j's default, which makes a thread pool and a JVM
        // shutdown hook per client: hooks that would pin the application's class loader on redeploy.
        // Its thread starts only if something schedules work, which nothing here does.
        this.web3jScheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("chains-web3j").daemon().factory());
        this.clients = clientsFor(settings.endpoints());
        this.escrows = settings.escrows();
    }

    /** Built at startup so that an invalid {@code chains.*} setting stops the deployment. */
    void startEagerly(@Observes Startup startup) {
        LOG.info(() -> "chains configured: " + clients.keySet());
    }

    @Override
    public Set<ChainId> configured() {
        return clients.keySet();
    }

    @Override
    public ChainHead head(ChainId chain) {
        ChainClient client = verified(chain);
        EthBlock.Block block = call(client, client.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
                .getBlock();
        return new ChainHead(chain, block.getNumber().longValueExact(), block.getHash(),
                Instant.ofEpochSecond(block.getTimestamp().longValueExact()));
    }

    @Override
    public BigInteger nativeBalance(ChainId chain, EvmAddress address) {
        ChainClient client = verified(chain);
        return call(client, client.web3j().ethGetBalance(address.toChecksumString(), DefaultBlockParameterName.LATEST))
                .getBalance();
    }

    @Override
    public BigInteger tokenBalance(ChainId chain, EvmAddress token, EvmAddress holder) {
        Function balanceOf = new Function("balanceOf", List.of(new Address(holder.toChecksumString())),
                List.of(new TypeReference<Uint256>() { }));
        byte[] answer = call(chain, token, Numeric.hexStringToByteArray(FunctionEncoder.encode(balanceOf)));
        if (answer.length != 32) {
            throw new DomainException(ChainsError.CALL_REVERTED, "chain " + chain + ": " + token
                    + " did not answer balanceOf like an ERC-20", Map.of("chainId", chain.value()));
        }
        return new BigInteger(1, answer);
    }

    @Override
    public Optional<EvmAddress> escrow(ChainId chain) {
        return Optional.ofNullable(escrows.get(chain));
    }

    @Override
    public boolean hasCode(ChainId chain, EvmAddress address) {
        ChainClient client = verified(chain);
        String code = call(client, client.web3j().ethGetCode(address.toChecksumString(), DefaultBlockParameterName.LATEST))
                .getCode();
        return !Numeric.cleanHexPrefix(code).isEmpty();
    }

    @Override
    public byte[] call(ChainId chain, EvmAddress contract, byte[] calldata) {
        ChainClient client = verified(chain);
        Transaction readOnly = Transaction.createEthCallTransaction(null, contract.toChecksumString(),
                Numeric.toHexString(calldata));
        String returned = call(client, client.web3j().ethCall(readOnly, DefaultBlockParameterName.LATEST)).getValue();
        return Numeric.hexStringToByteArray(returned);
    }

    /** {@code eth_getLogs} with the checks, timeouts and metrics of every other call: for the module's bindings. */
    /** The timestamp of the block with this hash (by hash, so a reorganised block is never mistaken for it). */
    Instant blockTime(ChainId chain, String blockHash) {
        ChainClient client = verified(chain);
        EthBlock.Block block = call(client, client.web3j().ethGetBlockByHash(blockHash, false)).getBlock();
        if (block == null) {
            throw new DomainException(ChainsError.CHAIN_UNAVAILABLE, "chain " + chain + " does not know block "
                    + blockHash + " (reorganised away?)");
        }
        return Instant.ofEpochSecond(block.getTimestamp().longValueExact());
    }

    List<EthLog.LogResult> logs(ChainId chain, EthFilter filter) {
        ChainClient client = verified(chain);
        return call(client, client.web3j().ethGetLogs(filter)).getLogs();
    }

    /**
     * The web3j client of a configured chain whose chain id was verified, for the module's own
     * transaction senders ({@link Web3jTestAggregators}).
     */
    Web3j web3j(ChainId chain) {
        return verified(chain).web3j();
    }

    /**
     * One RPC call to a verified chain, counted, with errors turned into {@link ChainsError} as for every read; for
     * the module's own senders and readers ({@link Web3jTransactions}, {@link Web3jEscrows}).
     */
    <R extends Response<?>> R rpc(ChainId chain, java.util.function.Function<Web3j, Request<?, R>> request) {
        ChainClient client = verified(chain);
        return call(client, request.apply(client.web3j()));
    }

    /**
     * Like {@link #rpc}, but an error the node answers with is returned, not thrown: the caller reads it (a
     * broadcast's "already known" or "nonce too low" is an answer, not an outage). No answer still throws
     * {@link ChainsError#CHAIN_UNAVAILABLE}.
     */
    <R extends Response<?>> R rpcAnswer(ChainId chain, java.util.function.Function<Web3j, Request<?, R>> request) {
        ChainClient client = verified(chain);
        Request<?, R> sent = request.apply(client.web3j());
        long started = System.nanoTime();
        boolean ok = false;
        try {
            R response = sent.send();
            ok = true;
            return response;
        } catch (IOException | ClientConnectionException e) {
            LOG.log(Level.FINE, e, () -> "chain " + chain + ": " + sent.getMethod() + " failed");
            throw unavailable(chain, sent.getMethod() + ": " + describe(e));
        } finally {
            metrics.record(chain, sent.getMethod(), ok, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Public for tests that wire the module by hand (io.swapdesk.chains.testing.TestChains). */
    @PreDestroy
    public void close() {
        // Each client's shutdown() also shuts the shared scheduler down; doing so twice is harmless.
        clients.values().forEach(client -> client.web3j().shutdown());
        web3jScheduler.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private Map<ChainId, ChainClient> clientsFor(Map<ChainId, URI> endpoints) {
        Map<ChainId, ChainClient> byChain = new LinkedHashMap<>();
        endpoints.forEach((chain, url) -> byChain.put(chain, new ChainClient(chain,
                Web3j.build(new HttpService(url.toString(), http), UNUSED_POLLING_INTERVAL_MS, web3jScheduler),
                new AtomicBoolean())));
        return Collections.unmodifiableMap(byChain);
    }

    private ChainClient verified(ChainId chain) {
        ChainClient client = clients.get(chain);
        if (client == null) {
            throw new DomainException(ChainsError.UNKNOWN_CHAIN,
                    "chain " + chain + " is not configured; configured chains: " + clients.keySet(),
                    Map.of("chainId", chain.value()));
        }
        if (!client.verified().get()) {
            verifyChainId(client);
        }
        return client;
    }

    private void verifyChainId(ChainClient client) {
        BigInteger served = call(client, client.web3j().ethChainId()).getChainId();
        if (!served.equals(BigInteger.valueOf(client.id().value()))) {
            throw unavailable(client.id(), "its RPC endpoint serves chain id " + served
                    + " instead; check " + ChainSettings.ENDPOINTS);
        }
        client.verified().set(true);
    }

    /** Sends one request, counts it, and turns every way it can fail into CHAIN_UNAVAILABLE. */
    private <R extends Response<?>> R call(ChainClient client, Request<?, R> request) {
        String method = request.getMethod();
        long started = System.nanoTime();
        boolean ok = false;
        try {
            R response = request.send();
            if (response.hasError() && isRevert(response.getError())) {
                ok = true; // the endpoint answered; the contract refused
                throw new DomainException(ChainsError.CALL_REVERTED, "chain " + client.id() + ": " + method
                        + " reverted: " + firstLine(response.getError().getMessage()), Map.of("chainId", client.id().value()));
            }
            if (response.hasError()) {
                throw unavailable(client.id(), method + " answered error " + response.getError().getCode()
                        + ": " + response.getError().getMessage());
            }
            if (response.getResult() == null) {
                throw unavailable(client.id(), method + " answered without a result");
            }
            ok = true;
            return response;
        } catch (IOException | ClientConnectionException e) {
            // web3j reports an HTTP error status as the unchecked ClientConnectionException.
            // Logged at FINE with the stack: the DomainException carries the reason, and a chain that
            // stays down would otherwise flood the log from every readiness probe.
            LOG.log(Level.FINE, e, () -> "chain " + client.id() + ": " + method + " failed");
            throw unavailable(client.id(), method + ": " + describe(e));
        } finally {
            metrics.record(client.id(), method, ok, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** A short reason that never includes the endpoint URL, which may embed a provider's API key. */
    private String describe(Exception e) {
        return switch (e) {
            case InterruptedIOException timeout -> "no answer within " + rpcTimeout.toMillis() + " ms";
            case ConnectException refused -> "connection refused";
            case UnknownHostException unknownHost -> "unknown host";
            case ClientConnectionException httpError -> "HTTP error (" + firstLine(httpError.getMessage()) + ")";
            case JsonProcessingException notJson -> "the answer is not JSON-RPC";
            default -> "I/O error (" + e.getClass().getSimpleName() + ")";
        };
    }

    static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    /**
     * Nodes report a revert as error code 3 with the revert data (geth, anvil) or as -32000 with
     * "execution reverted" (older nodes); anything else is the endpoint's failure.
     */
    private static boolean isRevert(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return error.getCode() == 3 || message.contains("execution reverted");
    }

    private static DomainException unavailable(ChainId chain, String reason) {
        return new DomainException(ChainsError.CHAIN_UNAVAILABLE, "chain " + chain + " is unavailable: " + reason,
                Map.of("chainId", chain.value()));
    }

    /** One chain's client; {@code verified} turns true once the endpoint's chain id matched. */
    private record ChainClient(ChainId id, Web3j web3j, AtomicBoolean verified) {
    }
}
