package dev.sctp.integration.connection;

import dev.sctp.SendInfo;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * Sees, and may hold back or change, what one association sends and receives: the SCTP counterpart of
 * spring-integration-ip's {@code TcpConnectionInterceptor}, for handshakes (see {@link SctpHandshakeInterceptor})
 * and auditing. An {@link SctpAssociationInterceptorFactory} makes one instance per association, so an interceptor
 * may keep that association's state.
 *
 * <p>In a chain the first interceptor is nearest the application: a send passes the interceptors first to last, then
 * goes to the kernel; a received message passes them last to first, then goes to the flow. The {@link Sender} an
 * interceptor is given sends past it, through the interceptors after it only, so its own handshake messages are not
 * held back by itself.
 *
 * <p>{@link #onReceive} runs on the delivery thread of the message's stream, {@link #onSend} on the sending thread,
 * {@link #associationOpened} on the association's reader thread; every method does nothing by default.
 *
 * @since 0.1.0
 */
public interface SctpAssociationInterceptor {

    /** Sends a message past the interceptor it was given to: through the interceptors after it, then the kernel. */
    @FunctionalInterface
    interface Sender {

        /**
         * Sends {@code payload} as one message.
         *
         * @param payload the message
         * @param info stream, PPID and flags
         * @throws IOException if the send fails; the message names the association
         */
        void send(byte[] payload, SendInfo info) throws IOException;
    }

    /**
     * The association is up (COMM_UP) and no message of it has been delivered yet; a handshake may start here.
     *
     * @param association the association
     * @param next sends past this interceptor
     * @throws IOException if the interceptor cannot go on; the association is aborted
     */
    default void associationOpened(SctpAssociation association, Sender next) throws IOException {
    }

    /**
     * A whole message arrived and is on its way to the flow.
     *
     * @param association the association
     * @param message the message, with the {@code sctp_*} headers
     * @param next sends past this interceptor, for an answer the interceptor gives itself
     * @return the message to pass on (this one, or another), or {@code null} to keep it from the flow
     */
    default @Nullable Message<byte[]> onReceive(SctpAssociation association, Message<byte[]> message, Sender next) {
        return message;
    }

    /**
     * A message is about to be sent; the interceptor may wait (a handshake still running) or throw to refuse it.
     *
     * @param association the association
     * @param payload the message
     * @param info stream, PPID and flags
     * @return the bytes to send: {@code payload} itself, or a replacement
     * @throws IOException to refuse the message; the sender gets the exception
     */
    default byte[] onSend(SctpAssociation association, byte[] payload, SendInfo info) throws IOException {
        return payload;
    }

    /**
     * The association ended.
     *
     * @param association the association
     * @param reason why it ended
     */
    default void associationClosed(SctpAssociation association, CloseReason reason) {
    }
}
