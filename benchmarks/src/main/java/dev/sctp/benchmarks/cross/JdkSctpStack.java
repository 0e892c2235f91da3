package dev.sctp.benchmarks.cross;

import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpServerChannel;
import com.sun.nio.sctp.SctpStandardSocketOptions;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The JDK's {@code com.sun.nio.sctp.SctpChannel} (module jdk.sctp, which loads libsctp.so.1) in blocking mode, with
 * the same advantages as this library: direct buffers and one reused outgoing {@link MessageInfo}.
 */
final class JdkSctpStack implements PeerStack {

    private final SocketBuffers buffers;
    private SctpServerChannel listener;

    /**
     * A stack on sockets with {@code buffers}. The JDK sets them with plain SO_RCVBUF/SO_SNDBUF, which
     * {@code net.core.rmem_max}/{@code wmem_max} cap (the other peers use the FORCE variants when they may), and on
     * an accepted association only after accept: its SctpServerChannel has neither option.
     */
    JdkSctpStack(SocketBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public int listen() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("listen was already called");
        }
        // SctpServerChannel supports no SO_RCVBUF/SO_SNDBUF (UnsupportedOperationException): accept sets them.
        listener = SctpServerChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return ((InetSocketAddress) listener.getAllLocalAddresses().iterator().next()).getPort();
    }

    @Override
    public PeerLink accept() throws IOException {
        if (listener == null) {
            throw new IllegalStateException("accept before listen");
        }
        SctpChannel channel = listener.accept();
        try {
            // After the association is up, unlike every other peer: the JDK's listener cannot take the buffers, so
            // the window its INIT-ACK advertised came from the default buffer (see the report's method row).
            setBuffers(channel);
            return new Link(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public PeerLink connect(int port) throws IOException {
        SctpChannel channel = SctpChannel.open();
        try {
            setBuffers(channel);
            channel.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0, 0);
            return new Link(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void setBuffers(SctpChannel channel) throws IOException {
        buffers.applyTo(b -> channel.setOption(SctpStandardSocketOptions.SO_RCVBUF, b),
                b -> channel.setOption(SctpStandardSocketOptions.SO_SNDBUF, b));
    }

    @Override
    public void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private static final class Link implements PeerLink {

        private final SctpChannel channel;
        private final ByteBuffer payload = Payload.direct();
        private final ByteBuffer in = ByteBuffer.allocateDirect(Payload.MAX_SIZE);
        private final MessageInfo outgoing = MessageInfo.createOutgoing(null, 0);

        Link(SctpChannel channel) throws IOException {
            this.channel = channel;
            // The JDK's default is NODELAY off; the benchmark compares every stack with it on.
            channel.setOption(SctpStandardSocketOptions.SCTP_NODELAY, true);
        }

        @Override
        public void send(int length) throws IOException {
            payload.clear().limit(length);
            channel.send(payload, outgoing);
        }

        @Override
        public int receive() throws IOException {
            in.clear();
            while (true) {
                // The JDK allocates a MessageInfo per message; that is part of what is measured.
                MessageInfo info = channel.receive(in, null, null);
                if (info == null || info.bytes() < 0) {
                    throw new EOFException("the peer shut down in the middle of a run");
                }
                if (info.isComplete()) {
                    return in.position();
                }
            }
        }

        @Override
        public void echo() throws IOException {
            in.flip();
            channel.send(in, outgoing);
        }

        @Override
        public int receiveBufferSize() throws IOException {
            // The JDK halves what getsockopt returns for SO_RCVBUF/SO_SNDBUF on Linux (NET_GetSockOpt undoes the
            // kernel's doubling of a set value), so its 106496 is the same 212992-byte buffer as everyone's; the
            // report shows the kernel's figure, as the other peers do.
            return 2 * channel.getOption(SctpStandardSocketOptions.SO_RCVBUF);
        }

        @Override
        public int sendBufferSize() throws IOException {
            return 2 * channel.getOption(SctpStandardSocketOptions.SO_SNDBUF); // see receiveBufferSize
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
