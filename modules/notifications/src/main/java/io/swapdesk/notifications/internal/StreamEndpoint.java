package io.swapdesk.notifications.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
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

    /** Frames over the limit are refused by the container with close code 1009 (message too big). */
    @OnMessage(maxMessageSize = StreamProtocol.MAX_FRAME_CHARS)
    public void onMessage(Session session, String frame) {
        session.getAsyncRemote().sendText(StreamProtocol.answer(frame));
    }

    @OnMessage(maxMessageSize = 1024)
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
