package dev.sctp.integration.connection;

import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import java.io.IOException;

/**
 * Adjusts the sockets a factory creates, after the factory's own options are applied; the SCTP counterpart of
 * spring-integration-ip's {@code TcpSocketSupport}. Use it for what a fixed option value cannot express, such as a
 * read-modify-write of {@code SCTP_PEER_ADDR_PARAMS} that changes one field and keeps the kernel's other values:
 *
 * <pre>{@code
 * factory.setSocketSupport(new SctpSocketSupport() {
 *     public void postProcessServerSocket(SctpServerSocket listener) throws IOException {
 *         listener.setOption(SctpOptions.PEER_ADDR_PARAMS,
 *                 listener.getOption(SctpOptions.PEER_ADDR_PARAMS).withPathMaxRetransmissions(3));
 *     }
 * });
 * }</pre>
 *
 * <p>Both methods do nothing by default. An exception fails the listen or connect attempt it belongs to (an
 * accepted association is aborted), with the exception as the cause.
 *
 * @since 0.1.0
 */
public interface SctpSocketSupport {

    /**
     * Called for a server factory's listener before it binds; what is set here carries over to accepted
     * associations where the kernel copies it.
     *
     * @param serverSocket the listener, not bound yet
     * @throws IOException if an option cannot be read or set
     */
    default void postProcessServerSocket(SctpServerSocket serverSocket) throws IOException {
    }

    /**
     * Called for a client factory's socket before it binds and connects, and for each association a server
     * factory accepts, before its first read.
     *
     * @param socket the socket
     * @throws IOException if an option cannot be read or set
     */
    default void postProcessSocket(SctpSocket socket) throws IOException {
    }
}
