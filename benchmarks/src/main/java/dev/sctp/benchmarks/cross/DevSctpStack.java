package dev.sctp.benchmarks.cross;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
import dev.sctp.SctpOptions;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.benchmarks.BatchedEnd;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * This library used as its documentation recommends for a hot path: blocking calls, direct buffers, one
 * {@link SendInfo} and one {@link ReceiveInfo} reused for every message; or, batched, through
 * {@link dev.sctp.SctpMessageBatch} with one sendmmsg/recvmmsg for many messages ({@link BatchedEnd}).
 */
final class DevSctpStack implements PeerStack {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final SctpAddress LOOPBACK = SctpAddress.parse("127.0.0.1:0");

    private final boolean batched;
    private final SocketBuffers buffers;
    private SctpServerSocket listener;

    /**
     * A stack whose links send and receive one message per call, or batches of them if {@code batched}, on sockets
     * with {@code buffers}.
     */
    DevSctpStack(boolean batched, SocketBuffers buffers) {
        this.batched = batched;
        this.buffers = buffers;
    }

    @Override
    public int listen() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("listen was already called");
        }
        // Set before listening, as the README asks: accepted associations inherit the buffers, and the window the
        // INIT-ACK advertises is already the larger one.
        SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP, LOOPBACK);
        try {
            buffers.applyTo(b -> server.setOption(SctpOptions.SO_RCVBUF, b),
                    b -> server.setOption(SctpOptions.SO_SNDBUF, b));
            server.bind(LOOPBACK, 0);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        listener = server;
        return listener.localAddress().port();
    }

    @Override
    public PeerLink accept() throws IOException {
        if (listener == null) {
            throw new IllegalStateException("accept before listen");
        }
        return link(listener.accept(TIMEOUT));
    }

    @Override
    public PeerLink connect(int port) throws IOException {
        SctpAddress remote = SctpAddress.parse("127.0.0.1:" + port);
        SctpSocket socket = SctpSocket.open(SctpNetwork.SCTP, remote);
        try {
            buffers.applyTo(b -> socket.setOption(SctpOptions.SO_RCVBUF, b),
                    b -> socket.setOption(SctpOptions.SO_SNDBUF, b));
            socket.connect(remote, TIMEOUT);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return link(socket);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private PeerLink link(SctpSocket socket) throws IOException {
        try {
            return batched ? new BatchedLink(new BatchedEnd(socket, Payload.direct(), INITIAL_SIZE)) : new Link(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The slot size a batched link starts with; {@link PeerLink#prepare} grows it for larger messages. */
    private static final int INITIAL_SIZE = 1024;

    private record BatchedLink(BatchedEnd end) implements PeerLink {

        @Override
        public void prepare(int size) {
            end.prepare(size);
        }

        @Override
        public void send(int length) throws IOException {
            end.send(length);
        }

        @Override
        public int receive() throws IOException {
            return end.receive();
        }

        @Override
        public void echo() throws IOException {
            end.echo();
        }

        @Override
        public void flush() throws IOException {
            end.flush();
        }

        @Override
        public int receiveBufferSize() throws IOException {
            return end.socket().getOption(SctpOptions.SO_RCVBUF);
        }

        @Override
        public int sendBufferSize() throws IOException {
            return end.socket().getOption(SctpOptions.SO_SNDBUF);
        }

        @Override
        public void close() {
            end.close();
        }
    }

    private static final class Link implements PeerLink {

        private final SctpSocket socket;
        private final ByteBuffer payload = Payload.direct();
        private final ByteBuffer in = ByteBuffer.allocateDirect(Payload.MAX_SIZE);
        private final SendInfo sendInfo = SendInfo.of(0, 0);
        private final ReceiveInfo receiveInfo = new ReceiveInfo();

        Link(SctpSocket socket) throws IOException {
            this.socket = socket;
            // NODELAY is this library's default; set it anyway so the comparison does not rest on a default.
            socket.setOption(SctpOptions.NODELAY, true);
        }

        @Override
        public void send(int length) throws IOException {
            payload.clear().limit(length);
            socket.send(payload, sendInfo);
        }

        @Override
        public int receive() throws IOException {
            in.clear();
            while (true) {
                int n = socket.receive(in, receiveInfo);
                if (n < 0) {
                    throw new EOFException("the peer shut down in the middle of a run");
                }
                // 0 is a notification (none are subscribed); partial deliveries accumulate in the buffer.
                if (n > 0 && receiveInfo.isComplete()) {
                    return in.position();
                }
            }
        }

        @Override
        public void echo() throws IOException {
            in.flip();
            socket.send(in, sendInfo);
        }

        @Override
        public int receiveBufferSize() throws IOException {
            return socket.getOption(SctpOptions.SO_RCVBUF);
        }

        @Override
        public int sendBufferSize() throws IOException {
            return socket.getOption(SctpOptions.SO_SNDBUF);
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
