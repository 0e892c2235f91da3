package dev.sctp.benchmarks;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpOptions;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * This library, used the way its documentation recommends for a hot path: direct buffers, and one
 * {@link SendInfo} and one {@link ReceiveInfo} reused for every message, so the loop allocates nothing.
 */
public final class DevSctpContender extends BlockingContender {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "dev.sctp (direct buffers)";
    }

    @Override
    Association open(int size) throws IOException {
        SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
        SctpSocket client = null;
        SctpSocket accepted = null;
        try {
            client = SctpSocket.dial(server.localAddress(), TIMEOUT);
            accepted = server.accept(TIMEOUT);
            // NODELAY is this library's default; set it anyway so the comparison does not rest on a default.
            client.setOption(SctpOptions.NODELAY, true);
            accepted.setOption(SctpOptions.NODELAY, true);
            SctpSocket c = client;
            SctpSocket a = accepted;
            return new Association(new DevSctpEndpoint(client, size), new DevSctpEndpoint(accepted, size), () -> {
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

    /** One end: a direct payload buffer, a direct receive buffer, one SendInfo, one ReceiveInfo. */
    private static final class DevSctpEndpoint implements Endpoint {

        private final SctpSocket socket;
        private final ByteBuffer payload;
        private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        private final SendInfo sendInfo = SendInfo.of(0, 0);
        private final ReceiveInfo receiveInfo = new ReceiveInfo();

        DevSctpEndpoint(SctpSocket socket, int size) {
            this.socket = socket;
            this.payload = Payloads.direct(size);
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
                // 0 is a notification (none are subscribed, but they would be skipped); partial reads accumulate.
                if (n > 0 && receiveInfo.isComplete()) {
                    return in.position();
                }
            }
        }

        @Override
        public void echo(int length) throws IOException {
            in.flip();
            socket.send(in, sendInfo);
        }
    }
}
