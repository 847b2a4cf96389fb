import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The WebSocket fan-out benchmark's load client (bin/bench-ws; method in docs/performance.md). For each subscriber
 * count it opens that many WebSocket connections to one server on loopback, subscribes each to ETH-USD prices, lets
 * the 10-a-second stream warm up, then measures for a fixed window: whether every subscriber received every price
 * published in the window (prices carry their sequence number: price = 3000 + seq / 100), and the delivery latency of
 * each message, from its observedAt (when it was published) to its arrival here, as a histogram in 0.1 ms steps.
 *
 * <p>The same client measures both servers. For SwapDesk it also publishes the stream: it holds the pricing lease
 * (the advisory lock SwapDesk's servers take) and NOTIFYs ten ETH-USD aggregates a second on the relay channel, in the
 * relay's message format, so the server under test relays exactly what a follower server relays in production. The
 * Node baseline publishes the same sequence itself (bench/ws-broadcast.mjs).
 *
 * <p>Usage: java -cp postgresql.jar WsBench.java NAME WS_URL COUNTS WARMUP_S MEASURE_S SOURCE_IP_BASE [JDBC_URL USER PASSWORD]
 */
public class WsBench {

    static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}";
    static final long LOCK_KEY = 0x53_77_61_70_50_72_63_31L;
    static final int BUCKETS = 100_000; // 0.1 ms each: up to 10 s
    static final int MAX_SEQ = 4096; // sequence numbers kept per subscriber, modulo: far more than one window

    public static void main(String[] args) throws Exception {
        String name = args[0];
        URI target = URI.create(args[1]);
        int warmup = Integer.parseInt(args[3]);
        int measure = Integer.parseInt(args[4]);
        int sourceIp = Integer.parseInt(args[5]);
        ScheduledExecutorService publisher = null;
        if (args.length > 6) {
            publisher = publish(args[6], args[7], args.length > 8 ? args[8] : "");
            awaitReady(URI.create(target.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/health/ready")));
        }
        System.out.printf(Locale.ROOT, "%-9s %11s %10s %9s %8s %8s %8s %10s%n", "server", "subscribers",
                "complete", "msgs/s", "p50 ms", "p99 ms", "max ms", "verdict");
        for (String count : args[2].split(",")) {
            int subscribers = Integer.parseInt(count.trim());
            Result result = run(target, subscribers, warmup, measure, InetAddress.getByName("127.0.0." + sourceIp++));
            System.out.printf(Locale.ROOT, "%-9s %11d %10s %9.0f %8.1f %8.1f %8.1f %10s%n", name, subscribers,
                    result.complete + "/" + subscribers, result.rate, result.p50, result.p99, result.max,
                    result.complete == subscribers && result.p99 < 100 ? "full" : "FAILS");
            System.out.flush();
        }
        if (publisher != null) {
            publisher.shutdownNow();
        }
        System.exit(0);
    }

    /** The server under test starts after the lease is taken here; wait until it serves. */
    static void awaitReady(URI health) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(java.net.http.HttpRequest.newBuilder(health).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Thread.sleep(3000); // the relay listener joins right after readiness
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(health + " not ready within 300 s");
    }

    record Result(int complete, double rate, double p50, double p99, double max) {
    }

    static Result run(URI target, int subscribers, int warmup, int measure, InetAddress source) throws Exception {
        ExecutorService listeners = Executors.newFixedThreadPool(2);
        int clientCount = 4;
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(HttpClient.newBuilder().executor(listeners).localAddress(source).build());
        }
        Window window = new Window();
        List<Subscriber> all = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        Semaphore handshakes = new Semaphore(200);
        for (int i = 0; i < subscribers; i++) {
            Subscriber subscriber = new Subscriber(window);
            all.add(subscriber);
            handshakes.acquire();
            CompletableFuture<WebSocket> socket = clients.get(i % clientCount).newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(60)).buildAsync(target, subscriber)
                    .whenComplete((ws, failure) -> handshakes.release());
            opening.add(socket.thenCompose(ws -> ws.sendText(SUBSCRIBE, true)));
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        Thread.sleep(warmup * 1000L);
        window.open(System.currentTimeMillis());
        Thread.sleep(measure * 1000L);
        window.close(System.currentTimeMillis());
        Thread.sleep(500); // the window's last messages in flight
        long first = window.firstSeq.get();
        long last = window.lastSeq.get();
        int complete = 0;
        long messages = 0;
        for (Subscriber subscriber : all) {
            int got = 0;
            for (long seq = first; seq <= last && first >= 0; seq++) {
                if (subscriber.seen((int) (seq % MAX_SEQ))) {
                    got++;
                }
            }
            messages += subscriber.inWindow;
            if (first >= 0 && got == last - first + 1) {
                complete++;
            }
        }
        for (CompletableFuture<WebSocket> socket : opening) {
            socket.thenAccept(ws -> ws.abort());
        }
        listeners.shutdownNow();
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
        Thread.sleep(2000);
        return new Result(complete, messages / (double) measure, window.percentile(0.50), window.percentile(0.99),
                window.max());
    }

    /** What every subscriber shares: the measurement window, the sequence range it saw, the latency histogram. */
    static final class Window {
        volatile long from = Long.MAX_VALUE;
        volatile long to = Long.MAX_VALUE;
        final AtomicLong firstSeq = new AtomicLong(-1);
        final AtomicLong lastSeq = new AtomicLong(-1);
        final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);

        void open(long now) {
            from = now;
        }

        void close(long now) {
            to = now;
        }

        double percentile(double p) {
            long total = 0;
            for (int i = 0; i < BUCKETS; i++) {
                total += histogram.get(i);
            }
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += histogram.get(i);
                if (seen >= rank && rank > 0) {
                    return i / 10.0;
                }
            }
            return Double.NaN;
        }

        double max() {
            for (int i = BUCKETS - 1; i >= 0; i--) {
                if (histogram.get(i) > 0) {
                    return i / 10.0;
                }
            }
            return Double.NaN;
        }
    }

    /** One connection: counts what it receives; a message published within the window is measured. */
    static final class Subscriber implements WebSocket.Listener {
        final Window window;
        private final java.util.BitSet seen = new java.util.BitSet(MAX_SEQ);
        volatile long inWindow;
        private final StringBuilder partial = new StringBuilder();

        Subscriber(Window window) {
            this.window = window;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long arrived = System.nanoTime();
            long wall = System.currentTimeMillis();
            if (!last) {
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            String text = partial.isEmpty() ? data.toString() : partial.append(data).toString();
            partial.setLength(0);
            webSocket.request(1);
            if (!text.contains("\"type\":\"price\"") || text.contains("\"snapshot\"")) {
                return null;
            }
            String observed = field(text, "\"observedAt\":\"");
            String price = field(text, "\"price\":\"");
            if (observed == null || price == null) {
                return null;
            }
            long publishedMicros = epochMicros(observed);
            long publishedMillis = Math.floorDiv(publishedMicros, 1000);
            if (publishedMillis < window.from || publishedMillis > window.to) {
                return null;
            }
            long seq = Math.round((Double.parseDouble(price) - 3000) * 100);
            synchronized (this) {
                seen.set((int) (seq % MAX_SEQ));
            }
            window.firstSeq.compareAndSet(-1, seq);
            window.firstSeq.accumulateAndGet(seq, Math::min);
            window.lastSeq.accumulateAndGet(seq, Math::max);
            inWindow++;
            long latencyMicros = (wall * 1000 + (arrived / 1000) % 1000) - publishedMicros;
            int bucket = (int) Math.max(0, Math.min(BUCKETS - 1, latencyMicros / 100));
            window.histogram.incrementAndGet(bucket);
            return null;
        }

        synchronized boolean seen(int index) {
            return seen.get(index);
        }

        /**
         * Instant.parse(text) in microseconds since the epoch, for the UTC form both servers send
         * (yyyy-MM-ddTHH:mm:ss[.fraction]Z, fraction truncated to microseconds). Instant.parse took a sixth of this
         * client's CPU at 5,000 subscribers, CPU that the server under test shares.
         */
        static long epochMicros(String text) {
            int end = text.length() - 1;
            if (end < 19 || text.charAt(4) != '-' || text.charAt(10) != 'T' || text.charAt(end) != 'Z'
                    || (end > 19 && text.charAt(19) != '.')) {
                Instant at = Instant.parse(text);
                return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
            }
            long seconds = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)).toEpochDay()
                    * 86_400 + digits(text, 11, 13) * 3600L + digits(text, 14, 16) * 60L + digits(text, 17, 19);
            long micros = 0;
            for (int i = 20; i < 26; i++) {
                micros = micros * 10 + (i < end ? text.charAt(i) - '0' : 0);
            }
            return seconds * 1_000_000 + micros;
        }

        private static int digits(String text, int from, int to) {
            int value = 0;
            for (int i = from; i < to; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return value;
        }

        private static String field(String text, String key) {
            int start = text.indexOf(key);
            if (start < 0) {
                return null;
            }
            start += key.length();
            int end = text.indexOf('"', start);
            return end < 0 ? null : text.substring(start, end);
        }
    }

    /**
     * Holds the pricing lease and publishes ETH-USD at 10 a second on the relay channel, as a SwapDesk lease holder
     * would: price 3000 + seq / 100, observedAt the publishing time.
     */
    static ScheduledExecutorService publish(String url, String user, String password) throws Exception {
        Connection connection = DriverManager.getConnection(url, user, password);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('swapdesk_prices', ?)");
        AtomicLong seq = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            try {
                long n = seq.incrementAndGet();
                String price = java.math.BigDecimal.valueOf(300_000 + n, 2).toPlainString();
                String now = Instant.now().toString();
                String source = "{\"source\":\"bench\",\"pair\":\"ETH-USD\",\"status\":\"USED\",\"reason\":\"\","
                        + "\"simulated\":true,\"price\":\"" + price + "\",\"confidence\":\"0\",\"publishedAt\":\""
                        + now + "\"}";
                notify.setString(1, "{\"from\":\"bench\",\"pair\":\"ETH-USD\",\"reason\":\"\",\"observedAt\":\"" + now
                        + "\",\"quote\":{\"price\":\"" + price + "\",\"confidence\":\"0\",\"observedAt\":\"" + now
                        + "\",\"publishedAt\":\"" + now + "\",\"simulated\":true,\"derivedFrom\":[],\"sources\":["
                        + source + "]},\"sources\":[" + source + "]}");
                notify.execute();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return timer;
    }
}
