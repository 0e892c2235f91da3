package dev.sctp.test;

import dev.sctp.SctpAddress;
import dev.sctp.SctpNetwork;
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

    /**
     * Like {@link #open(String)}, but {@code serverSetup} sets options and subscriptions on the listener before it
     * listens, and {@code clientSetup} on the client (bound to 127.0.0.1) before it connects.
     */
    public static AssociationPair open(String listen, Setup<SctpServerSocket> serverSetup,
            Setup<SctpSocket> clientSetup) throws IOException {
        SctpAddress local = SctpAddress.parse(listen);
        SctpServerSocket server = SctpServerSocket.open(SctpNetwork.SCTP, local);
        try {
            serverSetup.apply(server);
            server.bind(local, 0);
            SctpSocket client = client(clientSetup);
            try {
                client.connect(server.localAddress(), TIMEOUT);
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

    /** An IPv4 client bound to 127.0.0.1, not yet connected, with {@code setup} applied. */
    public static SctpSocket client(Setup<SctpSocket> setup) throws IOException {
        SctpSocket client = SctpSocket.open(SctpNetwork.SCTP4, SctpAddress.parse("127.0.0.1:0"));
        try {
            setup.apply(client);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Options and subscriptions for a socket before it listens or connects.
     *
     * @param <S> the socket type
     */
    @FunctionalInterface
    public interface Setup<S> {

        /** Configures {@code socket}. */
        void apply(S socket) throws IOException;
    }

    @Override
    public void close() {
        client.close();
        accepted.close();
        server.close();
    }
}
