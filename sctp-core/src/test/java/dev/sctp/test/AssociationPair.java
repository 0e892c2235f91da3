package dev.sctp.test;

import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import java.io.IOException;
import java.time.Duration;

/**
 * A listener and one established association on loopback, closed together; the common fixture of kernel tests.
 *
 * @param server the listener
 * @param client the dialling side
 * @param accepted the accepted side
 */
public record AssociationPair(SctpServerSocket server, SctpSocket client, SctpSocket accepted) implements AutoCloseable {

    /** How long fixtures wait for the kernel; generous because the test VM is slow. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Listens on {@code listen} (port 0 is fine), dials the bound address and accepts. */
    public static AssociationPair open(String listen) throws IOException {
        SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse(listen));
        try {
            SctpSocket client = SctpSocket.dial(server.localAddress(), TIMEOUT);
            try {
                return new AssociationPair(server, client, server.accept(TIMEOUT));
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
        accepted.close();
        server.close();
    }
}
