package dev.sctp.demo;

import dev.sctp.integration.support.SctpHeaders;
import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

/**
 * Request/reply through the client {@code echo} ({@code mode: request-reply}): each call sends a request on the
 * given stream and returns the peer's answer on that stream, with its {@code sctp_*} headers.
 */
@MessagingGateway(defaultRequestChannel = "echoOutbound")
public interface EchoGateway {

    /**
     * Sends {@code payload} and waits for the answer (at most {@code sctp.clients.echo.reply-timeout}).
     *
     * @param payload the request
     * @param stream the stream, below the association's number of streams (see {@link ExplicitStreams})
     * @param ppid the payload protocol identifier of the request
     * @return the answer, whose headers name the stream and PPID it came on
     */
    Message<byte[]> exchange(byte[] payload, @Header(SctpHeaders.STREAM_ID) int stream,
            @Header(SctpHeaders.PPID) int ppid);
}
