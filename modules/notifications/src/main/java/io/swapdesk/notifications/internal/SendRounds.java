package io.swapdesk.notifications.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fan-out's sends. Once a fan-out thread has put an update in each of its connections (which never blocks), a
 * round sends it to those whose put handed it over: one thread takes them one after the other and lets each send the
 * frame handed over and then what it has pending ({@link Outbound#sendHandedOver}), with a blocking write that
 * returns at once when the socket has room, as it nearly always has. One thread for thousands of sends: a virtual
 * thread per frame cost more to start and schedule than the write itself did outside the kernel.
 *
 * <p><b>A client that does not read</b> blocks the round's thread in its send. So that the connections after it do
 * not wait with it, {@link #check} (run every few milliseconds) finds the rounds that have connections left and have
 * not taken a new one since the last check, and starts one more thread on each; that thread carries on with the next
 * connection. The blocked thread returns when the send does (the watchdog closes a client that stays behind) and finds
 * the round done or helps finish it. A round gets at most one more thread per check, and only while it does not move
 * (a blocked send, or a thread the machine did not run for that long).
 *
 * <p>Order is not the rounds' concern: each connection's updates are put in order by one fan-out thread, and the
 * connection sends one frame at a time, so any thread may send for it.
 */
final class SendRounds {

    private final ThreadFactory threads;
    private final Set<Round> running = ConcurrentHashMap.newKeySet();
    private final LongAdder helpers = new LongAdder();

    /** @param threads makes the rounds' threads; they may block in sends, so virtual ones in the server */
    SendRounds(ThreadFactory threads) {
        this.threads = threads;
    }

    /**
     * Sends what the given connections have pending, on a thread of the round's own: each connection starting with
     * the frame at the same index, the one its {@link Outbound#put} handed over.
     */
    void start(List<Outbound> connections, List<String> handedOver) {
        if (connections.size() != handedOver.size()) {
            throw new IllegalArgumentException("one frame handed over per connection");
        }
        Round round = new Round(connections.toArray(Outbound[]::new), handedOver.toArray(String[]::new));
        running.add(round);
        threads.newThread(round::work).start();
    }

    /** Starts one more thread on every round that has connections left and has not moved since the last check. */
    void check() {
        for (Round round : running) {
            if (round.stalled()) {
                helpers.increment();
                threads.newThread(round::work).start();
            }
        }
    }

    /** Threads started because a round was stuck behind a send. */
    long helpersStarted() {
        return helpers.sum();
    }

    /** Rounds with connections not yet taken. */
    int running() {
        return running.size();
    }

    private final class Round {
        private final Outbound[] connections;
        private final String[] handedOver;
        private final AtomicInteger next = new AtomicInteger();
        /** Where {@link #next} stood at the last check; read and written by the checking thread only. */
        private int seen = -1;

        Round(Outbound[] connections, String[] handedOver) {
            this.connections = connections;
            this.handedOver = handedOver;
        }

        void work() {
            int index;
            while ((index = next.getAndIncrement()) < connections.length) {
                connections[index].sendHandedOver(handedOver[index]);
            }
            running.remove(this);
        }

        /** A connection is taken as soon as the one before it has sent, so a round that took none is stuck. */
        boolean stalled() {
            int now = next.get();
            boolean stalled = now == seen && now < connections.length;
            seen = now;
            return stalled;
        }
    }
}
