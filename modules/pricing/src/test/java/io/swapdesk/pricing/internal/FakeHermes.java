package io.swapdesk.pricing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for a Pyth Hermes server on a loopback port: answers {@code GET /v2/updates/price/latest}
 * in Hermes' format (binary + parsed, prices and confidences as strings, an exponent, publish_time in
 * seconds, ema_price and metadata) for the feeds asked for that it knows; or, when told, slowly, with
 * an HTTP error, or with a body that is not Hermes'.
 */
final class FakeHermes implements AutoCloseable {

    /** One feed's latest price as Hermes publishes it: integers with an exponent. */
    record Feed(String price, String conf, int expo, Instant publishTime) {
    }

    private final HttpServer server;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> rawBody = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final List<String> requests = new ArrayList<>();

    FakeHermes() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v2/updates/price/latest", this::latest);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void publish(String id, Feed feed) {
        feeds.put(id, feed);
    }

    void forget(String id) {
        feeds.remove(id);
    }

    void failWith(int httpStatus) {
        status.set(httpStatus);
    }

    void answerRaw(String body) {
        rawBody.set(body);
    }

    void answerAfter(Duration wait) {
        delay.set(wait);
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void latest(HttpExchange exchange) throws IOException {
        synchronized (this) {
            requests.add(exchange.getRequestURI().getRawQuery());
        }
        try {
            Thread.sleep(delay.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String body;
        int code = status.get();
        if (code != 200) {
            body = "{\"message\":\"upstream unavailable\"}";
        } else if (rawBody.get() != null) {
            body = rawBody.get();
        } else {
            body = answer(askedIds(exchange.getRequestURI().getRawQuery()));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The client timed out and closed the connection.
        }
    }

    private static List<String> askedIds(String query) {
        List<String> ids = new ArrayList<>();
        for (String parameter : query.split("&")) {
            String[] nameValue = parameter.split("=", 2);
            if (URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8).equals("ids[]")) {
                String id = nameValue[1].toLowerCase();
                ids.add(id.startsWith("0x") ? id.substring(2) : id);
            }
        }
        return ids;
    }

    private String answer(List<String> ids) {
        StringBuilder binary = new StringBuilder();
        StringBuilder parsed = new StringBuilder();
        for (String id : ids) {
            Feed feed = feeds.get(id);
            if (feed == null) {
                continue;
            }
            binary.append("504e41550100000003b801000000040d00");
            long time = feed.publishTime().getEpochSecond();
            String price = "{\"price\":\"" + feed.price() + "\",\"conf\":\"" + feed.conf() + "\",\"expo\":" + feed.expo()
                    + ",\"publish_time\":" + time + "}";
            if (!parsed.isEmpty()) {
                parsed.append(',');
            }
            parsed.append("{\"id\":\"").append(id).append("\",\"price\":").append(price)
                    .append(",\"ema_price\":").append(price)
                    .append(",\"metadata\":{\"slot\":170000000,\"proof_available_time\":").append(time + 1)
                    .append(",\"prev_publish_time\":").append(time - 1).append("}}");
        }
        return "{\"binary\":{\"encoding\":\"hex\",\"data\":[\"" + binary + "\"]},\"parsed\":[" + parsed + "]}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
