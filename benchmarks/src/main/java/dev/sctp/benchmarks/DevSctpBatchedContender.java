package dev.sctp.benchmarks;

import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import java.io.IOException;
import java.time.Duration;

/**
 * This library through its batch API ({@link dev.sctp.SctpMessageBatch}): the sender queues messages and sends up to
 * 64 with one sendmmsg, the receiver takes every queued message with one recvmmsg. See {@link BatchedEnd}.
 */
public final class DevSctpBatchedContender extends BlockingContender {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "dev.sctp batched (sendmmsg/recvmmsg)";
    }

    @Override
    Association open(int size) throws IOException {
        SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
        SctpSocket client = null;
        SctpSocket accepted = null;
        BatchedEnd clientEnd = null;
        try {
            client = SctpSocket.dial(server.localAddress(), TIMEOUT);
            accepted = server.accept(TIMEOUT);
            clientEnd = new BatchedEnd(client, Payloads.direct(size), size);
            BatchedEnd c = clientEnd;
            BatchedEnd a = new BatchedEnd(accepted, Payloads.direct(size), size);
            return new Association(new End(c), new End(a), () -> {
                c.close();
                a.close();
                server.close();
            });
        } catch (IOException | RuntimeException e) {
            if (clientEnd != null) {
                clientEnd.close();
            } else if (client != null) {
                client.close();
            }
            if (accepted != null) {
                accepted.close();
            }
            server.close();
            throw e;
        }
    }

    private record End(BatchedEnd end) implements Endpoint {

        @Override
        public void send(int length) throws IOException {
            end.send(length);
        }

        @Override
        public int receive() throws IOException {
            return end.receive();
        }

        @Override
        public void echo(int length) throws IOException {
            end.echo();
        }

        @Override
        public void flush() throws IOException {
            end.flush();
        }
    }
}
