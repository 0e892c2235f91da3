package dev.sctp.benchmarks.starter;

import org.jspecify.annotations.Nullable;
import org.springframework.integration.annotation.Gateway;
import org.springframework.integration.annotation.MessagingGateway;

/** Request/reply through the client {@code bench} of {@link EchoApplication}: the starter's outbound gateway. */
@MessagingGateway
public interface EchoGateway {

    /**
     * Sends {@code request} and waits for the peer's answer (at most {@code sctp.clients.bench.reply-timeout}).
     *
     * @param request the request's payload
     * @return the answer's payload, or null if none came in time
     */
    @Gateway(requestChannel = "benchOutbound")
    byte @Nullable [] exchange(byte[] request);
}
