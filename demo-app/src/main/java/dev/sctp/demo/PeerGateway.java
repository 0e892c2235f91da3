package dev.sctp.demo;

import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.integration.annotation.Gateway;
import org.springframework.messaging.handler.annotation.Header;

/** Sends on demand through the client {@code peer}: whatever goes to {@code peerOutbound} is sent to its peer. */
@MessagingGateway(defaultRequestChannel = "peerOutbound")
public interface PeerGateway {

    /**
     * Sends {@code text} on the client's default stream.
     *
     * @param text the message
     */
    void send(String text);

    /**
     * Sends {@code text} on {@code stream}.
     *
     * @param text the message
     * @param stream the stream, below the negotiated number of outbound streams
     */
    @Gateway
    void send(String text, @Header("sctp_streamId") int stream);
}
