package dev.sctp.benchmarks;

import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpServerChannel;
import com.sun.nio.sctp.SctpStandardSocketOptions;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The JDK's {@code com.sun.nio.sctp.SctpChannel} (module jdk.sctp, which loads libsctp.so.1) in blocking mode, given
 * the same advantages as this library: direct buffers and one reused outgoing {@link MessageInfo}.
 *
 * <p>With {@code nodelay} false it runs on the JDK's default, where SCTP_NODELAY is off: the case behind the
 * "~210 msg/s instead of ~7,600" complaint, reported as its own row.
 */
public final class JdkSctpContender extends BlockingContender {

    private final boolean nodelay;

    /** Creates the contender with SCTP_NODELAY set to {@code nodelay} on both ends. */
    public JdkSctpContender(boolean nodelay) {
        this.nodelay = nodelay;
    }

    @Override
    public String name() {
        return nodelay ? "JDK SctpChannel" : "JDK SctpChannel, NODELAY off";
    }

    @Override
    Association open(int size) throws IOException {
        SctpServerChannel server = SctpServerChannel.open();
        SctpChannel client = null;
        SctpChannel accepted = null;
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            SocketAddress bound = server.getAllLocalAddresses().iterator().next();
            client = SctpChannel.open(bound, 0, 0);
            accepted = server.accept();
            client.setOption(SctpStandardSocketOptions.SCTP_NODELAY, nodelay);
            accepted.setOption(SctpStandardSocketOptions.SCTP_NODELAY, nodelay);
            SctpChannel c = client;
            SctpChannel a = accepted;
            return new Association(new JdkEndpoint(client, size), new JdkEndpoint(accepted, size), () -> {
                c.close();
                a.close();
                server.close();
            });
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (accepted != null) {
                accepted.close();
            }
            server.close();
            throw e;
        }
    }

    /** One end: direct payload and receive buffers, one outgoing MessageInfo (stream 0, PPID 0). */
    private static final class JdkEndpoint implements Endpoint {

        private final SctpChannel channel;
        private final ByteBuffer payload;
        private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        private final MessageInfo outgoing = MessageInfo.createOutgoing(null, 0);

        JdkEndpoint(SctpChannel channel, int size) {
            this.channel = channel;
            this.payload = Payloads.direct(size);
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
                // The JDK allocates a new MessageInfo per message; that is part of what is measured.
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
        public void echo(int length) throws IOException {
            in.flip();
            channel.send(in, outgoing);
        }
    }
}
