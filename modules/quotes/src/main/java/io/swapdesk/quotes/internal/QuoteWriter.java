package io.swapdesk.quotes.internal;

import io.swapdesk.identity.UserId;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.identity.WalletClaim;
import io.swapdesk.identity.Wallets;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.OwnTransaction;
import io.swapdesk.platform.PlatformError;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes new quotes in groups, so that a transaction's fixed cost (begin, commit and its flush to disk, the
 * server's transaction bookkeeping) is paid once per group rather than once per quote.
 *
 * <p>A request thread hands its priced quote over and waits for the answer. Each writer thread
 * ({@code quotes.writer.threads}) takes every quote waiting, up to {@link #MAX_GROUP}, and in one transaction reads
 * in one statement which recipients are verified wallets of their users, then claims the idempotency keys and inserts
 * the quotes ({@link QuoteStore#createGroup}); then it answers each request. A writer waits for nothing but the first
 * quote: alone, a quote is written at once; under load, the quotes that arrived during one group's transaction make
 * up the next.
 *
 * <p>A group that fails is written again one quote at a time, so that one bad quote fails its own request only.
 * Before the application has started its writers, and after they stopped, a quote is written on the request's own
 * thread, as a group of one.
 */
@ApplicationScoped
class QuoteWriter {

    static final int MAX_GROUP = 64;
    /**
     * Quotes waiting for a writer, at most: while the database stalls, a request beyond them is answered 503 at
     * once rather than queued (each waiting request holds a thread and memory until its answer timeout).
     */
    static final int MAX_WAITING = 4096;
    /** Far beyond a group's transaction; past it the request is answered 503, and a retry with its key is safe. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Metadata GROUP_SIZE = Metadata.builder().withName("quotes.writer.group.size")
            .withDescription("New quotes written per transaction by the quote writers").build();

    @Inject
    QuoteStore store;

    @Inject
    Wallets wallets;

    @Inject
    QuotesSettings settings;

    @Inject
    UserTransaction transaction;

    @Inject
    MetricRegistry metrics;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    /** {@link #ANSWER_TIMEOUT}; shorter in tests. */
    Duration answerTimeout = ANSWER_TIMEOUT;

    /** A priced quote to store under the request's idempotency key, paid out to {@code recipient}. */
    record Request(Quote quote, String key, byte[] requestHash, WalletAddress recipient) {

        WalletClaim claim() {
            return new WalletClaim(new UserId(quote.userId()), recipient);
        }
    }

    private record Pending(Request request, CompletableFuture<QuoteStore.Written> answer) {
    }

    void start(@Observes Startup startup) {
        running = true;
        for (int i = 1; i <= settings.writerThreads(); i++) {
            Thread thread = Thread.ofPlatform().name("quotes-writer-" + i).daemon().unstarted(this::run);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops before the persistence unit closes under the writers ({@code @PreDestroy} may come after it). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    /** Stops taking quotes; the writers write what is queued, within {@link #STOP_TIMEOUT}. */
    @PreDestroy
    void stop() {
        running = false;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    /** Stores the quote, or says why not; waits for its group's transaction. */
    QuoteStore.Written write(Request request) {
        if (!running) {
            return writeAlone(request);
        }
        Pending pending = new Pending(request, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw notStored("too many quotes are waiting to be written");
        }
        if (!running && queue.remove(pending)) {
            return writeAlone(request); // the writers stopped meanwhile and may not have seen it
        }
        return await(pending);
    }

    /**
     * The writers' answer. A request that gives up takes its quote back out of the queue if no writer has taken it
     * yet, so that nobody writes a quote its client was told failed, and a stall does not pile up abandoned quotes.
     */
    private QuoteStore.Written await(Pending pending) {
        try {
            return pending.answer().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            String why = "the database did not confirm the quote within " + answerTimeout.toSeconds() + " s";
            throw queue.remove(pending) ? notStored(why) : notConfirmed(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw queue.remove(pending) ? notStored("the server is stopping") : notConfirmed("the server is stopping");
        }
    }

    private static DomainException notConfirmed(String why) {
        return new DomainException(PlatformError.SERVICE_UNAVAILABLE, why + "; it may or may not have been stored: "
                + "send the same request with the same Idempotency-Key again, which answers the quote if it was",
                Map.of("field", "Idempotency-Key"));
    }

    private static DomainException notStored(String why) {
        return new DomainException(PlatformError.SERVICE_UNAVAILABLE, why + "; the quote was not stored: send the "
                + "request again", Map.of());
    }

    private QuoteStore.Written writeAlone(Request request) {
        return writeGroup(List.of(request)).getFirst();
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            metrics.histogram(GROUP_SIZE).update(group.size());
            answer(group);
            group.clear();
        }
    }

    /**
     * Writes these requests as one group now, on the caller's thread, as a writer thread would (and each alone when
     * the group fails): for tests that need a group of known members.
     */
    List<CompletableFuture<QuoteStore.Written>> writeAsGroup(List<Request> requests) {
        List<Pending> group = requests.stream().map(request -> new Pending(request, new CompletableFuture<>())).toList();
        answer(group);
        return group.stream().map(Pending::answer).toList();
    }

    private void answer(List<Pending> group) {
        try {
            List<QuoteStore.Written> written = writeGroup(group.stream().map(Pending::request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(written.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().answer().completeExceptionally(e);
                return;
            }
            for (Pending pending : group) {
                answer(List.of(pending));
            }
        }
    }

    /** One transaction: which recipients are verified, then the keys and the quotes. */
    private List<QuoteStore.Written> writeGroup(List<Request> requests) {
        return OwnTransaction.run(transaction, () -> "the transaction of " + requests.size() + " new quotes", () -> {
            Set<WalletClaim> verified = wallets.verified(requests.stream().map(Request::claim).toList());
            return store.createGroup(requests.stream().map(request -> new QuoteStore.NewQuote(request.quote(),
                    request.key(), request.requestHash(), verified.contains(request.claim()))).toList());
        });
    }
}
