package io.swapdesk.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket, for what a container's client will not do: stop reading. Its receive buffer is
 * as small as the kernel allows, so what the server sends fills it soon and the server's sends then wait for it.
 */
final class RawWebSocket implements AutoCloseable {

    /** How reading to the end went: the frames read and the close frame's code, or -1 when the connection just ended. */
    record End(int frames, int closeCode, String how) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    /** Opens {@code /ws} on the server, with the handshake done and nothing read after it. */
    static RawWebSocket connect(URI server) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024); // before connecting, so that the window the server sees is small
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        RawWebSocket client = new RawWebSocket(socket);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        client.out.write(("GET /ws HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String status = client.readHead();
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + status);
        }
        return client;
    }

    /** Writes one masked text frame per copy, as fast as the connection takes them; blocks while it takes none. */
    void sendText(String text, int copies) throws IOException {
        byte[] frame = maskedTextFrame(text);
        OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        for (int i = 0; i < copies; i++) {
            buffered.write(frame);
        }
        buffered.flush();
    }

    /**
     * Reads everything the server sent, up to a close frame or the end of the connection; fails when nothing comes
     * for 10 s with the connection still open.
     */
    End readToTheEnd() throws IOException {
        int frames = 0;
        try {
            while (true) {
                int first = in.readUnsignedByte();
                long length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                frames++;
                if ((first & 0x0f) == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
                    return new End(frames, code, "close frame");
                }
            }
        } catch (SocketTimeoutException e) {
            throw e; // still open, nothing more coming: not an end
        } catch (EOFException e) {
            return new End(frames, -1, "end of stream");
        } catch (IOException e) {
            return new End(frames, -1, e.getMessage()); // reset: the server closed with data of ours unread
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the connection ended during the handshake: " + head);
            }
            head.append((char) next);
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81; // final fragment, text
        frame[1] = (byte) (0x80 | payload.length); // masked, as every client frame must be
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
