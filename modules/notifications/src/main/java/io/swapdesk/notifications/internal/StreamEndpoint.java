package io.swapdesk.notifications.internal;

import io.swapdesk.identity.TokenVerifier;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one WebSocket endpoint: {@code /ws}. A CDI bean ({@code @Dependent}) so that it gets injection once channels
 * need services; the protocol itself lives in {@link StreamProtocol}.
 */
@Dependent
@ServerEndpoint("/ws")
public class StreamEndpoint {

    private static final Logger LOG = Logger.getLogger(StreamEndpoint.class.getName());

    @Inject
    TokenVerifier tokens;

    @Inject
    Clock clock;

    /** One endpoint instance per connection, so this is the connection's own protocol state. */
    private StreamProtocol protocol;

    @OnOpen
    public void onOpen(Session session) {
        protocol = new StreamProtocol(tokens, clock);
    }

    /**
     * Frames over the limit are refused by the container with close code 1009 (message too big).
     *
     * <p>The reply is sent synchronously, on the thread that read the frame. Replies are small, so this blocks only
     * once a client has stopped reading long enough to fill the socket's send buffer; then that session stops
     * being read (back-pressure) instead of the server queueing sends without bound behind ignored async Futures.
     * Replies never overlap (a container may refuse a send while another is in flight), and a failed send reaches
     * {@link #onError} instead of vanishing.
     */
    @OnMessage(maxMessageSize = StreamProtocol.MAX_FRAME_CHARS)
    public void onMessage(Session session, String frame) throws IOException {
        session.getBasicRemote().sendText(protocol.answer(frame));
    }

    /**
     * A binary frame closes the connection with 1003 (cannot accept). Only one over
     * {@link StreamProtocol#MAX_BINARY_FRAME_BYTES} is refused by the container first, with 1009, so that nobody
     * makes the server buffer a large frame just to be told no.
     */
    @OnMessage(maxMessageSize = StreamProtocol.MAX_BINARY_FRAME_BYTES)
    public void onBinary(Session session, byte[] frame) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "Only JSON text frames are accepted"));
    }

    @OnError
    public void onError(Session session, Throwable failure) {
        // A client that vanishes mid-frame is routine; anything else is worth a look.
        if (!(failure instanceof IOException)) {
            LOG.log(Level.WARNING, "WebSocket session " + session.getId() + " failed", failure);
        }
    }
}
