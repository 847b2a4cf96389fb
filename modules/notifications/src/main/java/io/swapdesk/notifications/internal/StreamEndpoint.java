package io.swapdesk.notifications.internal;

import io.swapdesk.identity.TokenVerifier;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one WebSocket endpoint: {@code /ws}. A CDI bean ({@code @Dependent}) for injection; the protocol lives in
 * {@link StreamProtocol}, the market channels in {@link MarketChannels}.
 *
 * <p>Every frame to the client — replies and market updates alike — leaves through the connection's
 * {@link Outbound}: one send in flight at a time, replies on a virtual thread of their own, market updates on the
 * fan-out's virtual threads ({@link SendRounds}), coalesced per key while the client is behind. Nothing here ever
 * blocks a thread that serves other clients for long: a client that stops reading is closed with 4001 once it has
 * been behind past the limit, and so is one whose send has not completed within that limit (the watchdog counts a
 * send in flight as behind); closing it ends the blocked send.
 */
@Dependent
@ServerEndpoint("/ws")
public class StreamEndpoint {

    private static final Logger LOG = Logger.getLogger(StreamEndpoint.class.getName());

    /** Closing sends a close frame; never on a thread that serves other clients. */
    private static final ExecutorService CLOSER = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ws-close-", 0).factory());

    @Inject
    TokenVerifier tokens;

    @Inject
    Clock clock;

    @Inject
    MarketChannels market;

    @Inject
    AccountChannel account;

    @Inject
    StreamMetrics metrics;

    /** One endpoint instance per connection, so this is the connection's own state. */
    private StreamProtocol protocol;
    private StreamConnection connection;

    @OnOpen
    public void onOpen(Session session) {
        connection = market.open(new SessionTransport(session, session.getBasicRemote(), metrics));
        metrics.opened();
        protocol = new StreamProtocol(tokens, clock, market, account, connection);
    }

    /** Frames over the limit are refused by the container with close code 1009 (message too big). */
    @OnMessage(maxMessageSize = StreamProtocol.MAX_FRAME_CHARS)
    public void onMessage(Session session, String frame) {
        protocol.receive(frame);
    }

    /**
     * A binary frame closes the connection with 1003 (cannot accept). Only one over
     * {@link StreamProtocol#MAX_BINARY_FRAME_BYTES} is refused by the container first, with 1009, so that nobody
     * makes the server buffer a large frame just to be told no.
     */
    @OnMessage(maxMessageSize = StreamProtocol.MAX_BINARY_FRAME_BYTES)
    public void onBinary(Session session, byte[] frame) {
        connection.outbound().closed();
        close(session, metrics, CloseReason.CloseCodes.CANNOT_ACCEPT, "Only JSON text frames are accepted");
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        if (connection != null) {
            market.closed(connection);
            account.unfollow(connection);
        }
    }

    @OnError
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
