package io.swapdesk.notifications.internal;

import io.swapdesk.identity.TokenVerifier;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one WebSocket endpoint: {@code /ws}, registered by {@link StreamEndpointConfig}. The protocol lives in
 * {@link StreamProtocol}, the market channels in {@link MarketChannels}.
 *
 * <p>A programmatic endpoint, not an annotated one, for the size limit: the container refuses a frame over the
 * session's limit from its header (close 1009), but it would join a whole message's frames without any limit, so
 * text arrives here in parts and {@link TextAssembler} refuses a message that passes the limit (1009 too), holding
 * no more than the limit; a binary message is refused (1003) at its first part, holding nothing.
 *
 * <p>Every frame to the client — replies and market updates alike — leaves through the connection's
 * {@link Outbound}: one send in flight at a time, replies on a virtual thread of their own, market updates on the
 * fan-out's virtual threads ({@link SendRounds}), coalesced per key while the client is behind. Nothing here ever
 * blocks a thread that serves other clients for long: a client that stops reading is closed with 4001 once it has
 * been behind past the limit, and so is one whose send has not completed within that limit (the watchdog counts a
 * send in flight as behind); closing it ends the blocked send.
 */
public class StreamEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(StreamEndpoint.class.getName());

    /** Closing sends a close frame; never on a thread that serves other clients. */
    private static final ExecutorService CLOSER = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ws-close-", 0).factory());

    private final TokenVerifier tokens;
    private final Clock clock;
    private final MarketChannels market;
    private final AccountChannel account;
    private final StreamMetrics metrics;

    /** One endpoint instance per connection, so this is the connection's own state. */
    private final TextAssembler text = new TextAssembler(StreamProtocol.MAX_TEXT_MESSAGE_BYTES);
    private StreamProtocol protocol;
    private StreamConnection connection;

    StreamEndpoint(TokenVerifier tokens, Clock clock, MarketChannels market, AccountChannel account,
            StreamMetrics metrics) {
        this.tokens = tokens;
        this.clock = clock;
        this.market = market;
        this.account = account;
        this.metrics = metrics;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // Frames over these are refused by the container from their header, with 1009 (message too big).
        session.setMaxTextMessageBufferSize(StreamProtocol.MAX_TEXT_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(StreamProtocol.MAX_BINARY_FRAME_BYTES);
        connection = market.open(new SessionTransport(session, session.getBasicRemote(), metrics));
        metrics.opened();
        protocol = new StreamProtocol(tokens, clock, market, account, connection);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> onText(session,
                part, last));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) ->
                refuse(session, CloseReason.CloseCodes.CANNOT_ACCEPT, "Only JSON text frames are accepted"));
    }

    private void onText(Session session, String part, boolean last) {
        String message;
        try {
            message = text.add(part, last);
        } catch (TextAssembler.TooBig e) {
            refuse(session, CloseReason.CloseCodes.TOO_BIG, e.getMessage());
            return;
        }
        if (message != null) {
            protocol.receive(message);
        }
    }

    /** Sends nothing more and closes, once: the rest of a refused message may still arrive meanwhile. */
    private void refuse(Session session, CloseReason.CloseCode code, String reason) {
        if (!connection.outbound().isClosed()) {
            connection.outbound().closed();
            close(session, metrics, code, reason);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (connection != null) {
            market.closed(connection);
            account.unfollow(connection);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        if (connection != null) {
            market.closed(connection);
            account.unfollow(connection);
        }
        // A client that vanishes mid-frame is routine; anything else is worth a look.
        if (!(failure instanceof IOException)) {
            LOG.log(Level.WARNING, "WebSocket session " + session.getId() + " failed", failure);
        }
    }

    private static void close(Session session, StreamMetrics metrics, CloseReason.CloseCode code, String reason) {
        // A send also fails when the client has gone; if the container has seen it go, that close is not ours.
        if (session.isOpen()) {
            metrics.closedByServer(code.getCode());
        }
        CLOSER.execute(() -> {
            try {
                session.close(new CloseReason(code, reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing WebSocket session " + session.getId() + " failed", e);
            }
        });
    }

    /**
     * Frames out through the session's blocking remote, on the sender's thread. Not the asynchronous remote: Liberty
     * queues every asynchronous write to its write selector thread and completes it on an executor thread (two
     * handoffs and an epoll update per frame, most of the server's CPU in the fan-out profile), while a blocking send
     * writes to the socket on the calling thread when the socket has room, which it nearly always has. Senders of
     * their own run on virtual threads: a client that stops reading blocks only that thread, until the watchdog
     * closes it. The remote is taken once: Liberty makes a new one at every {@code getBasicRemote()} (2.6% of the
     * bytes the server allocated at 7,500 subscribers; docs/performance.md).
     */
    private record SessionTransport(Session session, RemoteEndpoint.Basic remote, StreamMetrics metrics)
            implements Outbound.Transport {

        @Override
        public void send(String text) throws IOException {
            remote.sendText(text);
        }

        @Override
        public void startSender(Runnable sender) {
            Thread.startVirtualThread(sender);
        }

        @Override
        public void close(int code, String reason) {
            StreamEndpoint.close(session, metrics, CloseReason.CloseCodes.getCloseCode(code), reason);
        }
    }
}
