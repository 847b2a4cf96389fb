package io.swapdesk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** A plain HTTP client for tests that act as a caller of the server. */
public final class Http {

    /**
     * HTTP/1.1: over cleartext the JDK client would otherwise try an upgrade to HTTP/2 (h2c) on every new connection,
     * and Liberty never answers an upgraded request that ends on an error page. A test's outcome would then depend
     * on whether it happened to open a connection.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public static HttpResponse<String> post(URI uri, String contentType, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request builder that carries {@code token} as its bearer token. */
    public static HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    public static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        return send(authorized(uri, token).GET());
    }

    public static HttpResponse<String> post(URI uri, String contentType, String body, String token)
            throws IOException, InterruptedException {
        return send(authorized(uri, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON request with a bearer token; {@code token} null sends none. */
    public static HttpResponse<String> json(String method, URI uri, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text, gzip-compressed: a body to send with {@code Content-Encoding: gzip}. */
    public static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return compressed.toByteArray();
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
