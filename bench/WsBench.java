import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
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
 * <p>The same client measures both servers. SwapDesk computes the stream itself by default, as Node does: this client
 * serves a Pyth Hermes endpoint in Hermes' format whose ETH-USD price moves up one step (0.01) with every request,
 * and the server, its only source and the pricing lease holder, fetches it every 100 ms, aggregates and publishes;
 * observedAt is the aggregation's time, as Node's is its broadcast's. With a JDBC URL instead, this client holds the
 * pricing lease (the advisory lock SwapDesk's servers take) and NOTIFYs ten ETH-USD aggregates a second on the relay
 * channel, in the relay's message format, so the server under test relays exactly what a follower server relays in
 * production: the latency then includes the hop through PostgreSQL. The Node baseline publishes the same sequence
 * itself (bench/ws-broadcast.mjs).
 *
 * <p>A subscriber is complete when it received every update of the window that any subscriber received: a fetch that
 * failed publishes nothing, and a step nobody saw is not a delivery missed.
 *
 * <p>Beside each result, the cores the server process and this client used over the window, from /proc (the server's
 * pid from BENCH_SERVER_PID, or the file BENCH_SERVER_PID_FILE names): on two cores, what the client uses the server
 * cannot. For SwapDesk also the time its garbage collectors paused it over the window, from its /metrics (Liberty's
 * base {@code gc_time} per collector): one young collection holds one update for every subscriber, a hundredth of a
 * 10 s window's frames, which is the p99. And the threads it started for send rounds that did not move for 10 ms
 * ({@code ws_send_helpers}): no client here stops reading, so each one means a round's thread waited that long for a
 * core.
 *
 * <p>Usage: java -cp postgresql.jar WsBench.java NAME WS_URL COUNTS WARMUP_S MEASURE_S SOURCE_IP_BASE
 * [hermes=PORT:FEED_ID | JDBC_URL USER PASSWORD]
 */
public class WsBench {

    static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}";
    static final long LOCK_KEY = 0x53_77_61_70_50_72_63_31L;
    static final int BUCKETS = 100_000; // 0.1 ms each: up to 10 s
    static final int MAX_SEQ = 4096; // sequence numbers kept per subscriber, modulo: far more than one window
    /**
     * The wall clock in µs at nanoTime 0, read once: arrivals are timed on the monotonic clock and compared with the
     * servers' wall-clock stamps through it. (Until the fifteenth run, the arrival's milliseconds came from the wall
     * clock and its microseconds from the monotonic one, which put every latency off by up to 1 ms.)
     */
    static final long EPOCH_OFFSET_MICROS = epochOffsetMicros();

    public static void main(String[] args) throws Exception {
        String name = args[0];
        URI target = URI.create(args[1]);
        int warmup = Integer.parseInt(args[3]);
        int measure = Integer.parseInt(args[4]);
        int sourceIp = Integer.parseInt(args[5]);
        ScheduledExecutorService publisher = null;
        if (args.length > 6 && args[6].startsWith("hermes=")) {
            String[] hermes = args[6].substring("hermes=".length()).split(":");
            serveHermes(Integer.parseInt(hermes[0]), hermes[1]);
            awaitReady(URI.create(target.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/health/ready")));
        } else if (args.length > 6) {
            publisher = publish(args[6], args[7], args.length > 8 ? args[8] : "");
            awaitReady(URI.create(target.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/health/ready")));
        }
        System.out.printf(Locale.ROOT, "%-16s %11s %10s %9s %8s %8s %8s %10s %10s %10s %9s %8s%n", "server",
                "subscribers", "complete", "msgs/s", "p50 ms", "p99 ms", "max ms", "verdict", "server CPU", "client CPU",
                "GC ms", "helpers");
        for (String count : args[2].split(",")) {
            int subscribers = Integer.parseInt(count.trim());
            Result result = run(target, subscribers, warmup, measure, InetAddress.getByName("127.0.0." + sourceIp++));
            System.out.printf(Locale.ROOT, "%-16s %11d %10s %9.0f %8.1f %8.1f %8.1f %10s %10.2f %10.2f %9s %8s%n",
                    name, subscribers, result.complete + "/" + subscribers, result.rate, result.p50, result.p99,
                    result.max, result.complete == subscribers && result.p99 < 100 ? "full" : "FAILS", result.serverCpu,
                    result.clientCpu, Double.isNaN(result.gcMillis) ? "-" : String.format(Locale.ROOT, "%.1f",
                            result.gcMillis), Double.isNaN(result.helpers) ? "-" : String.format(Locale.ROOT, "%.0f",
                            result.helpers));
            if (System.getenv("TICKS") != null) {
                System.out.println(result.ticks);
            }
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
                if (http.send(java.net.http.HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Thread.sleep(3000); // the relay listener joins right after readiness
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(health + " not ready within 300 s");
    }

    record Result(int complete, double rate, double p50, double p99, double max, double clientCpu, double serverCpu,
            double gcMillis, double helpers, String ticks) {
    }

    static Result run(URI target, int subscribers, int warmup, int measure, InetAddress source) throws Exception {
        Window window = new Window();
        Connections connections = new Connections(target, source);
        List<Subscriber> all = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            all.add(connections.open(new Subscriber(window)));
        }
        int failed = connections.awaitOpen(subscribers, 300);
        if (failed > 0) {
            System.err.printf(Locale.ROOT, "%d of %d subscribers could not connect or subscribe%n", failed, subscribers);
        }
        Thread.sleep(warmup * 1000L);
        URI metrics = URI.create(target.toString().replaceFirst("^ws", "http").replaceFirst("/ws$", "/metrics"));
        URI base = URI.create(metrics + "?scope=base");
        URI application = URI.create(metrics + "?scope=application");
        double gcBefore = metricSum(base, "gc_time") * 1000;
        double helpersBefore = metricSum(application, "ws_send_helpers");
        long[] cpuBefore = {ticks("self"), ticks(serverPid())};
        long openedNanos = System.nanoTime();
        window.open(System.currentTimeMillis());
        Thread.sleep(measure * 1000L);
        window.close(System.currentTimeMillis());
        long[] cpuAfter = {ticks("self"), ticks(serverPid())};
        double gcAfter = metricSum(base, "gc_time") * 1000;
        double helpersAfter = metricSum(application, "ws_send_helpers");
        double seconds = (System.nanoTime() - openedNanos) / 1e9;
        Thread.sleep(500); // the window's last messages in flight
        long first = window.firstSeq.get();
        long last = window.lastSeq.get();
        int published = 0;
        for (long seq = first; seq <= last && first >= 0; seq++) {
            if (window.seenByAnyone((int) (seq % MAX_SEQ))) {
                published++;
            }
        }
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
            if (first >= 0 && got == published) {
                complete++;
            }
        }
        connections.closeAll();
        Thread.sleep(2000);
        return new Result(complete, messages / (double) measure, window.percentile(0.50), window.percentile(0.99),
                window.max(), cpuShare(cpuBefore[0], cpuAfter[0], seconds),
                cpuShare(cpuBefore[1], cpuAfter[1], seconds), gcAfter - gcBefore,
                helpersAfter - helpersBefore, window.ticks(first, last));
    }

    static long epochOffsetMicros() {
        Instant wall = Instant.now(); // microseconds on Linux
        long monotonic = System.nanoTime();
        return wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000 - monotonic / 1000;
    }

    /** Now, in µs since the epoch, on the monotonic clock. */
    static long epochMicrosNow() {
        return System.nanoTime() / 1000 + EPOCH_OFFSET_MICROS;
    }

    /** The server under test: BENCH_SERVER_PID, or the pid in the file BENCH_SERVER_PID_FILE names (Liberty's). */
    static String serverPid() {
        String pid = System.getenv("BENCH_SERVER_PID");
        if (pid != null && !pid.isBlank()) {
            return pid.trim();
        }
        String file = System.getenv("BENCH_SERVER_PID_FILE");
        try {
            return file == null ? "none" : java.nio.file.Files.readString(java.nio.file.Path.of(file)).trim();
        } catch (IOException e) {
            return "none";
        }
    }

    /**
     * The sum of the server's Prometheus lines whose name starts with {@code name} ({@code gc_time}: the seconds its
     * collectors have paused it, one line per collector); NaN when it serves none (the Node baseline).
     */
    static double metricSum(URI metrics, String name) {
        if (!metrics.getPath().endsWith("/metrics")) {
            return Double.NaN;
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            boolean found = false;
            for (String line : body.lines().toList()) {
                if (line.startsWith(name)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? sum : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Cores used over the window (1.0 = one core busy all along); NaN when /proc cannot tell. */
    static double cpuShare(long before, long after, double seconds) {
        return before < 0 || after < 0 ? Double.NaN : (after - before) / 100.0 / seconds; // USER_HZ 100
    }

    /** The user and system CPU time of a process, all its threads, in clock ticks; -1 when /proc cannot tell. */
    static long ticks(String pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** What every subscriber shares: the measurement window, the sequence range it saw, the latency histogram. */
    static final class Window {
        volatile long from = Long.MAX_VALUE;
        volatile long to = Long.MAX_VALUE;
        final AtomicLong firstSeq = new AtomicLong(-1);
        final AtomicLong lastSeq = new AtomicLong(-1);
        final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        private final BitSet anyone = new BitSet(MAX_SEQ);
        /** Per update, in µs: when it was published, and its first and last subscriber's latency. */
        private final AtomicLongArray published = new AtomicLongArray(MAX_SEQ);
        private final AtomicLongArray firstLatency = new AtomicLongArray(MAX_SEQ);
        private final AtomicLongArray lastLatency = new AtomicLongArray(MAX_SEQ);

        Window() {
            for (int i = 0; i < MAX_SEQ; i++) {
                firstLatency.set(i, Long.MAX_VALUE);
            }
        }

        void arrived(int index, long publishedMicros, long latencyMicros) {
            published.set(index, publishedMicros);
            firstLatency.accumulateAndGet(index, latencyMicros, Math::min);
            lastLatency.accumulateAndGet(index, latencyMicros, Math::max);
        }

        /**
         * Where the latency comes from, per update of the window (TICKS=yes): the first subscriber's (the way to the
         * first send), the last one's, the spread between them (the time to send to everyone), and the gap since the
         * update before it; each as p50 / p90 / max over the updates, in ms.
         */
        String ticks(long first, long last) {
            List<Long> firsts = new ArrayList<>();
            List<Long> lasts = new ArrayList<>();
            List<Long> spreads = new ArrayList<>();
            List<Long> gaps = new ArrayList<>();
            long previous = -1;
            int over = 0;
            for (long seq = first; seq <= last && first >= 0; seq++) {
                int index = (int) (seq % MAX_SEQ);
                if (!seenByAnyone(index)) {
                    continue;
                }
                firsts.add(firstLatency.get(index));
                lasts.add(lastLatency.get(index));
                spreads.add(lastLatency.get(index) - firstLatency.get(index));
                if (previous >= 0) {
                    gaps.add(published.get(index) - previous);
                }
                previous = published.get(index);
                if (lastLatency.get(index) >= 100_000) {
                    over++;
                }
            }
            return String.format(Locale.ROOT, "  %d updates, %d with a last latency of 100 ms or more; first %s, last %s,"
                    + " spread %s, gap %s (p50/p90/max ms)", firsts.size(), over, spread(firsts), spread(lasts),
                    spread(spreads), spread(gaps));
        }

        private static String spread(List<Long> micros) {
            if (micros.isEmpty()) {
                return "-";
            }
            List<Long> sorted = new ArrayList<>(micros);
            sorted.sort(null);
            return String.format(Locale.ROOT, "%.1f/%.1f/%.1f", sorted.get((sorted.size() - 1) / 2) / 1000.0,
                    sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1) / 1000.0, sorted.getLast() / 1000.0);
        }

        synchronized void seenBySomeone(int index) {
            anyone.set(index);
        }

        synchronized boolean seenByAnyone(int index) {
            return anyone.get(index);
        }

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

    /** One subscriber: counts what it receives; a message published within the window is measured. */
    static final class Subscriber {
        final Window window;
        private final BitSet seen = new BitSet(MAX_SEQ);
        volatile long inWindow;

        Subscriber(Window window) {
            this.window = window;
        }

        /** A whole text message, as it arrived at {@code arrivedMicros} ({@link #epochMicrosNow}). */
        void onText(String text, long arrivedMicros) {
            if (!text.contains("\"type\":\"price\"") || text.contains("\"snapshot\"")) {
                return;
            }
            String observed = field(text, "\"observedAt\":\"");
            String price = field(text, "\"price\":\"");
            if (observed == null || price == null) {
                return;
            }
            long publishedMicros = epochMicros(observed);
            long publishedMillis = Math.floorDiv(publishedMicros, 1000);
            if (publishedMillis < window.from || publishedMillis > window.to) {
                return;
            }
            long seq = Math.round((Double.parseDouble(price) - 3000) * 100);
            synchronized (this) {
                seen.set((int) (seq % MAX_SEQ));
            }
            window.seenBySomeone((int) (seq % MAX_SEQ));
            window.firstSeq.compareAndSet(-1, seq);
            window.firstSeq.accumulateAndGet(seq, Math::min);
            window.lastSeq.accumulateAndGet(seq, Math::max);
            inWindow++;
            long latencyMicros = arrivedMicros - publishedMicros;
            int bucket = (int) Math.max(0, Math.min(BUCKETS - 1, latencyMicros / 100));
            window.histogram.incrementAndGet(bucket);
            window.arrived((int) (seq % MAX_SEQ), publishedMicros, latencyMicros);
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
     * The subscribers' WebSocket connections, on NIO with one selector thread: the handshake, a masked subscribe
     * frame, then the server's frames read straight from bytes (text, continuation, ping answered with pong, close).
     * The JDK's WebSocket client spent several times this CPU per message, and on two cores the load client's CPU is
     * the server's loss.
     */
    static final class Connections implements Runnable {
        private static final int MAX_HANDSHAKES = 200;
        private static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
        private long lastStallCheck;
        private final InetSocketAddress server;
        private final InetAddress source;
        private final byte[] handshake;
        private final java.nio.channels.Selector selector;
        private final java.util.concurrent.ConcurrentLinkedQueue<Link> connecting =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
        private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        private final List<Link> all = new ArrayList<>();
        private final java.nio.ByteBuffer readBuffer = java.nio.ByteBuffer.allocateDirect(128 * 1024);
        private final byte[] bytes = new byte[256 * 1024];
        private final Thread thread;
        private volatile boolean running = true;
        private int expected;

        Connections(URI target, InetAddress source) throws IOException {
            this.server = new InetSocketAddress(target.getHost(), target.getPort());
            this.source = source;
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            this.handshake = ("GET " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            this.selector = java.nio.channels.Selector.open();
            this.thread = new Thread(this, "ws-client");
            this.thread.start();
        }

        /** Starts connecting one subscriber; at most 200 handshakes are in flight, as a browser crowd would be. */
        Subscriber open(Subscriber subscriber) throws InterruptedException {
            handshakes.acquire();
            Link link = new Link(subscriber);
            synchronized (all) {
                all.add(link);
                expected++;
            }
            connecting.add(link);
            selector.wakeup();
            return subscriber;
        }

        /** Waits until every link subscribed or failed; answers the number that failed. */
        int awaitOpen(int count, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                int done = 0;
                synchronized (all) {
                    for (Link link : all) {
                        if (link.state >= Link.OPEN) {
                            done++;
                        }
                    }
                }
                if (done >= count) {
                    return failures.get();
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the subscribers did not all connect within " + timeoutSeconds + " s");
        }

        void closeAll() throws InterruptedException {
            running = false;
            selector.wakeup();
            thread.join(10_000);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (Link link; (link = connecting.poll()) != null; ) {
                        start(link);
                    }
                    failStalledHandshakes();
                    for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                        var key = keys.next();
                        keys.remove();
                        Link link = (Link) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                connected(key, link);
                            } else if (key.isReadable()) {
                                read(key, link);
                            }
                        } catch (IOException | RuntimeException e) {
                            fail(key, link);
                        }
                    }
                }
                for (var key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** A handshake the server has not answered within 60 s fails, as a browser would give up. */
        private void failStalledHandshakes() {
            long now = System.nanoTime();
            if (now - lastStallCheck < 1_000_000_000L) {
                return;
            }
            lastStallCheck = now;
            List<Link> stalled = new ArrayList<>();
            synchronized (all) {
                for (Link link : all) {
                    if (link.state == Link.HANDSHAKE && now - link.startedNanos > HANDSHAKE_TIMEOUT_NANOS) {
                        stalled.add(link);
                    }
                }
            }
            for (Link link : stalled) {
                fail(link.channel == null ? null : link.channel.keyFor(selector), link);
            }
        }

        private void start(Link link) {
            try {
                var channel = java.nio.channels.SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.bind(new InetSocketAddress(source, 0));
                link.channel = channel;
                if (channel.connect(server)) {
                    channel.register(selector, java.nio.channels.SelectionKey.OP_READ, link);
                    write(channel, handshake);
                } else {
                    channel.register(selector, java.nio.channels.SelectionKey.OP_CONNECT, link);
                }
            } catch (IOException e) {
                fail(null, link);
            }
        }

        private void connected(java.nio.channels.SelectionKey key, Link link) throws IOException {
            var channel = (java.nio.channels.SocketChannel) key.channel();
            channel.finishConnect();
            key.interestOps(java.nio.channels.SelectionKey.OP_READ);
            write(channel, handshake);
        }

        private void fail(java.nio.channels.SelectionKey key, Link link) {
            if (link.state < Link.OPEN) {
                failures.incrementAndGet();
                handshakes.release();
            }
            link.state = Link.CLOSED;
            try {
                if (key != null) {
                    key.cancel();
                }
                if (link.channel != null) {
                    link.channel.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        /** Reads what is there; whole frames are handled, a partial one waits in the link for the rest. */
        private void read(java.nio.channels.SelectionKey key, Link link) throws IOException {
            var channel = (java.nio.channels.SocketChannel) key.channel();
            int carried = link.carry(bytes);
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                fail(key, link);
                return;
            }
            long arrived = epochMicrosNow();
            readBuffer.flip();
            readBuffer.get(bytes, carried, n);
            int end = carried + n;
            int at = 0;
            if (link.state == Link.HANDSHAKE) {
                int headers = endOfHeaders(bytes, end);
                if (headers < 0) {
                    link.keep(bytes, 0, end);
                    return;
                }
                String status = new String(bytes, 0, Math.min(12, end), java.nio.charset.StandardCharsets.US_ASCII);
                if (!status.startsWith("HTTP/1.1 101")) {
                    throw new IOException("handshake refused: " + status);
                }
                at = headers;
                write(channel, frame(1, SUBSCRIBE.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                link.state = Link.OPEN;
                handshakes.release();
            }
            while (at < end) {
                int consumed = frame(channel, link, bytes, at, end, arrived);
                if (consumed == 0) {
                    break;
                }
                at += consumed;
            }
            link.keep(bytes, at, end);
        }

        /** Handles the frame at {@code at}; answers its length, or 0 when it has not fully arrived. */
        private int frame(java.nio.channels.SocketChannel channel, Link link, byte[] in, int at, int end,
                          long arrived) throws IOException {
            if (end - at < 2) {
                return 0;
            }
            int opcode = in[at] & 0x0f;
            boolean fin = (in[at] & 0x80) != 0;
            boolean masked = (in[at + 1] & 0x80) != 0;
            long length = in[at + 1] & 0x7f;
            int header = 2;
            if (length == 126) {
                if (end - at < 4) {
                    return 0;
                }
                length = ((in[at + 2] & 0xff) << 8) | (in[at + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (end - at < 10) {
                    return 0;
                }
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (in[at + 2 + i] & 0xff);
                }
                header = 10;
            }
            int mask = masked ? 4 : 0;
            if (length > 65_536) {
                throw new IOException("a frame of " + length + " bytes: not a price");
            }
            if (end - at < header + mask + length) {
                return 0;
            }
            int payload = at + header + mask;
            if (masked) {
                for (int i = 0; i < length; i++) {
                    in[payload + i] ^= in[at + header + (i & 3)];
                }
            }
            int size = (int) length;
            switch (opcode) {
                case 0, 1 -> {
                    if (fin && link.partial == null) {
                        link.subscriber.onText(new String(in, payload, size,
                                java.nio.charset.StandardCharsets.ISO_8859_1), arrived);
                    } else {
                        if (link.partial == null) {
                            link.partial = new java.io.ByteArrayOutputStream();
                        }
                        link.partial.write(in, payload, size);
                        if (fin) {
                            link.subscriber.onText(link.partial.toString(
                                    java.nio.charset.StandardCharsets.ISO_8859_1), arrived);
                            link.partial = null;
                        }
                    }
                }
                case 9 -> write(channel, frame(10, java.util.Arrays.copyOfRange(in, payload, payload + size)));
                case 8 -> throw new IOException("closed by the server");
                default -> {
                    // pong or reserved: nothing to do
                }
            }
            return header + mask + size;
        }

        private static int endOfHeaders(byte[] in, int end) {
            for (int i = 3; i < end; i++) {
                if (in[i] == '\n' && in[i - 1] == '\r' && in[i - 2] == '\n' && in[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return -1;
        }

        /** A client frame: final, masked (RFC 6455 asks it of clients), with a payload under 64 KiB. */
        private static byte[] frame(int opcode, byte[] payload) {
            int header = payload.length < 126 ? 2 : 4;
            byte[] frame = new byte[header + 4 + payload.length];
            frame[0] = (byte) (0x80 | opcode);
            if (header == 2) {
                frame[1] = (byte) (0x80 | payload.length);
            } else {
                frame[1] = (byte) (0x80 | 126);
                frame[2] = (byte) (payload.length >> 8);
                frame[3] = (byte) payload.length;
            }
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            System.arraycopy(mask, 0, frame, header, 4);
            for (int i = 0; i < payload.length; i++) {
                frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
            }
            return frame;
        }

        /** Small writes on an idle socket go out at once; a socket that cannot take them is a failed subscriber. */
        private static void write(java.nio.channels.SocketChannel channel, byte[] data) throws IOException {
            var buffer = java.nio.ByteBuffer.wrap(data);
            for (int tries = 0; buffer.hasRemaining() && tries < 1000; tries++) {
                channel.write(buffer);
            }
            if (buffer.hasRemaining()) {
                throw new IOException("the socket took no more bytes");
            }
        }
    }

    /** One subscriber's link and the bytes of a frame that has not fully arrived. */
    static final class Link {
        static final int HANDSHAKE = 0;
        static final int OPEN = 1;
        static final int CLOSED = 2;
        final Subscriber subscriber;
        volatile int state = HANDSHAKE;
        final long startedNanos = System.nanoTime();
        java.nio.channels.SocketChannel channel;
        java.io.ByteArrayOutputStream partial;
        private byte[] leftover;

        Link(Subscriber subscriber) {
            this.subscriber = subscriber;
        }

        /** Copies the bytes kept from the last read to the start of {@code into}; answers how many. */
        int carry(byte[] into) {
            if (leftover == null) {
                return 0;
            }
            int n = leftover.length;
            System.arraycopy(leftover, 0, into, 0, n);
            leftover = null;
            return n;
        }

        void keep(byte[] from, int at, int end) {
            leftover = at < end ? java.util.Arrays.copyOfRange(from, at, end) : null;
        }
    }

    /**
     * A Hermes stand-in on 127.0.0.1:port for one feed: every {@code GET /v2/updates/price/latest} answers the next
     * step of the sequence (price 300000 + n at exponent -2, i.e. 3000 + n / 100; confidence 0; publish_time now), in
     * Hermes' JSON (binary + parsed, ema_price, metadata).
     */
    static void serveHermes(int port, String feedId) throws IOException {
        AtomicLong seq = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/v2/updates/price/latest", exchange -> {
            long n = seq.incrementAndGet();
            long time = Instant.now().getEpochSecond();
            String price = "{\"price\":\"" + (300_000 + n) + "\",\"conf\":\"0\",\"expo\":-2,\"publish_time\":" + time
                    + "}";
            byte[] body = ("{\"binary\":{\"encoding\":\"hex\",\"data\":[\"504e41550100000003b801000000040d00\"]},"
                    + "\"parsed\":[{\"id\":\"" + feedId + "\",\"price\":" + price + ",\"ema_price\":" + price
                    + ",\"metadata\":{\"slot\":" + (170_000_000 + n) + ",\"proof_available_time\":" + (time + 1)
                    + ",\"prev_publish_time\":" + (time - 1) + "}}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
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
