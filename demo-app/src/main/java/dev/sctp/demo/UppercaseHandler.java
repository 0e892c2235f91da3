package dev.sctp.demo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.stereotype.Component;

/**
 * The listener's handler: each message received on {@code sctp.listen} arrives on {@code sctpInbound}, and the reply
 * goes back through {@code sctpOutbound}. The reply carries the request's {@code sctp_*} headers, so it leaves on the
 * same association, stream and PPID.
 */
@Component
public class UppercaseHandler {

    /**
     * Answers a request with its text upper-cased, decoded and encoded as UTF-8.
     *
     * @param request the received bytes
     * @return the reply
     */
    @ServiceActivator(inputChannel = "sctpInbound", outputChannel = "sctpOutbound")
    public byte[] handle(byte[] request) {
        return upperCase(request);
    }

    /**
     * Returns what the demo's server answers to {@code request}.
     *
     * @param request UTF-8 text
     * @return the text upper-cased (in the root locale), as UTF-8
     */
    public static byte[] upperCase(byte[] request) {
        return new String(request, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
