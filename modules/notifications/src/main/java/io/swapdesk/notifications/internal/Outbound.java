package io.swapdesk.notifications.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One connection's way out: every frame the server sends on a connection goes through here, in order, with at most
 * one send in flight. A frame put while no sender is at work is handed over to a new sender, which sends it with a
 * blocking write and then takes the pending frames one by one until none is left; a frame put while a sender is at
 * work waits in the pending map. {@link #offer} and {@link #reply} start the new sender through the transport (a
 * virtual thread in the server), so the caller never waits for the client; the fan-out {@link #put}s and then has
 * the senders of many connections run one after the other on a thread that may block ({@link #sendHandedOver}, see
 * {@link SendRounds}).
 *
 * <p><b>The frame handed over travels with the sender, not in here.</b> This object lives as long as its connection,
 * so the collector soon counts it as old; every reference to a new frame stored in one of its fields marks its card
 * dirty, and the next young collection scans every dirty card (docs/performance.md). A fan-out of one frame to 10,000
 * connections stored 10,000 of them a tick; handing the frame to the sender instead stores it only when a client is
 * behind and the frame has to wait in the pending map.
 *
 * <p><b>Bounded by construction.</b> Market updates are keyed (a pair's price, a pair's bar of one interval and start):
 * a newer update replaces a pending one of the same key in its place, so a slow client gets the latest value and the
 * map never holds more than one frame per subscription key. Replies to the client's own messages are not coalesced;
 * at most {@code maxPendingReplies} of them wait, then the client's next message waits for room (back-pressure on
 * the reading side), and a client that keeps it waiting too long is closed.
 *
 * <p><b>Behind.</b> The connection is behind from the moment a frame has to wait (a send is in flight, or a sender has
 * been asked for and not started) until the pending map is empty again, or from the start of a send that has not
 * completed, whichever is longer (a client that stopped reading with nothing new to send). {@link #behindMillis}
 * tells for how long; the channels' watchdog closes a connection that stays behind past the limit
 * ({@link #closeAsTooSlow}), which also ends the blocked write, so a client that stopped reading costs one in-flight
 * frame plus one frame per key, never a growing queue.
 */
final class Outbound {

    /** Close code for a client that stayed behind past the limit (docs/api/websocket.md). */
    static final int TOO_SLOW = 4001;

    /** How frames leave: the WebSocket session in the server, a recorder in tests. */
    interface Transport {

        /** Sends one text frame, blocking until the connection took it; fails if the connection is gone. */
        void send(String text) throws IOException;

        /** Runs {@code sender} on a thread of its own, one that may block in {@link #send}. */
        void startSender(Runnable sender);

        /** Closes the connection with an application close code; must not block the caller. */
        void close(int code, String reason);
    }

    private final Transport transport;
    private final LongSupplier nanoClock;
    private final int maxPendingReplies;
    private final Map<Object, String> pending = new LinkedHashMap<>();
    private boolean inFlight;
    /** A sender has been asked for and carries the frame to send first (it never entered the pending map). */
    private boolean handedOver;
    private boolean closed;
    private long behindSince;
    private long sendingSince;
    private int pendingReplies;
    private long coalesced;
    private long sent;

    Outbound(Transport transport, LongSupplier nanoClock, int maxPendingReplies) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.maxPendingReplies = maxPendingReplies;
    }

    /**
     * A market update under its key, sent by a sender of its own: replaces a pending frame of the same key (keeping
     * its place), or joins the end.
     *
     * @return false when the connection is closed
     */
    boolean offer(String key, String text) {
        boolean ask;
        synchronized (this) {
            if (closed) {
                return false;
            }
            ask = putLocked(key, text);
        }
        if (ask) {
            transport.startSender(() -> sendHandedOver(text));
        }
        return true;
    }

    /**
     * A market update under its key, without starting a sender.
     *
     * @return true when the frame was handed over to a sender that does not run yet: the caller must call
     *         {@link #sendHandedOver} with it (soon, on a thread that may block)
     */
    synchronized boolean put(String key, String text) {
        return !closed && putLocked(key, text);
    }

    /**
     * An answer to the client's own message: never coalesced. With {@code maxPendingReplies} replies already
     * waiting, the calling thread (the one reading this client's frames) waits for the client to take some, so a
     * client that sends faster than it reads is slowed down instead of queued for; one that makes it wait longer
     * than {@code maxWaitMillis} is closed as too slow.
     */
    void reply(String text, long maxWaitMillis) {
        boolean ask;
        synchronized (this) {
            long deadline = nanoClock.getAsLong() + maxWaitMillis * 1_000_000;
            while (!closed && pendingReplies >= maxPendingReplies) {
                long left = (deadline - nanoClock.getAsLong()) / 1_000_000;
                if (left <= 0) {
                    closeLocked(TOO_SLOW, "too slow: more than " + maxPendingReplies
                            + " replies waiting; read what the server sends");
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeLocked(TOO_SLOW, "too slow: interrupted while replies were waiting");
                }
            }
            if (closed) {
                return;
            }
            ask = putLocked(new Reply(), text);
        }
        if (ask) {
            transport.startSender(() -> sendHandedOver(text));
        }
    }

    /** {@link #reply(String, long)} without waiting: full means closed at once. */
    void reply(String text) {
        reply(text, 0);
    }

    /**
     * How long frames have been waiting without the pending map emptying, or the frame in flight has been on its way
     * if that is longer (a send that never completes, with nothing behind it); 0 when neither.
     */
    synchronized long behindMillis() {
        long since = behindSince == 0 ? sendingSince : sendingSince == 0 ? behindSince
                : Math.min(behindSince, sendingSince);
        return since == 0 || closed ? 0 : (nanoClock.getAsLong() - since) / 1_000_000;
    }

    /** Closes with {@link #TOO_SLOW}, once; frames still pending are dropped. */
    void closeAsTooSlow(String reason) {
        synchronized (this) {
            closeLocked(TOO_SLOW, reason);
        }
    }

    /** The connection is gone (closed by either side, or failed): drop what is pending, send nothing more. */
    synchronized void closed() {
        closed = true;
        handedOver = false;
        pending.clear();
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Updates replaced by a newer one of the same key before they were sent. */
    synchronized long coalesced() {
        return coalesced;
    }

    /** Frames sent. */
    synchronized long sent() {
        return sent;
    }

    synchronized int pendingFrames() {
        return pending.size();
    }

    private void closeLocked(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        handedOver = false;
        pending.clear();
        notifyAll();
        transport.close(code, reason);
    }

    /**
     * Sends {@code text}, the frame handed over, and then the pending frames, one at a time, until none is left: on the
     * calling thread, which blocks while the client does not read. Sends nothing when the connection closed in between.
     *
     * <p>Only for the sender of a hand-over: the caller of a {@link #put} that returned true, with that put's frame, or
     * the sender {@link #offer} and {@link #reply} start. Any other call could take that sender's turn with a frame that
     * also waits in the pending map.
     */
    void sendHandedOver(String text) {
        synchronized (this) {
            assert handedOver || closed : "no frame was handed over to this sender";
            if (!handedOver) {
                return; // closed since the hand-over
            }
            handedOver = false;
            sent++;
            sendingSince = Math.max(1, nanoClock.getAsLong());
        }
        String frame = text;
        while (frame != null) {
            try {
                transport.send(frame);
            } catch (IOException | RuntimeException e) {
                failed();
                return;
            }
            synchronized (this) {
                frame = next();
            }
        }
    }

    /**
     * Under the lock: with a sender at work or asked for, the frame waits in the pending map (replacing one of the
     * same key); otherwise it is handed over to a sender the caller has to ask for, and this returns true.
     */
    private boolean putLocked(Object key, String text) {
        if (!inFlight) {
            inFlight = true;
            handedOver = true;
            sendingSince = Math.max(1, nanoClock.getAsLong());
            return true;
        }
        if (pending.put(key, text) != null) {
            coalesced++;
        } else if (key instanceof Reply) {
            pendingReplies++;
        }
        if (behindSince == 0) {
            behindSince = Math.max(1, nanoClock.getAsLong());
        }
        return false;
    }

    /** Under the lock: takes the first pending frame; none left ends the in-flight state and being behind. */
    private String next() {
        if (closed || pending.isEmpty()) { // nearly always, after a send: no iterator for it
            inFlight = false;
            behindSince = 0;
            sendingSince = 0;
            return null;
        }
        Iterator<Map.Entry<Object, String>> first = pending.entrySet().iterator();
        Map.Entry<Object, String> entry = first.next();
        first.remove();
        if (entry.getKey() instanceof Reply && pendingReplies-- == maxPendingReplies) {
            notifyAll(); // a reader waits for room
        }
        if (pending.isEmpty()) {
            behindSince = 0;
        }
        sent++;
        sendingSince = Math.max(1, nanoClock.getAsLong());
        return entry.getValue();
    }

    private synchronized void failed() {
        // The client is gone, or was closed while a send waited for it: either way nothing more goes out.
        inFlight = false;
        closeLocked(TOO_SLOW, "too slow: a frame could not be sent in time");
    }

    /** The key of a reply: unique, so replies never replace each other. */
    private static final class Reply {
    }
}
