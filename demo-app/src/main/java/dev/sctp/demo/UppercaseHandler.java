package dev.sctp.demo;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.stereotype.Component;

/**
 * The listener's handler: each message received on {@code sctp.listen} arrives on {@code sctpInbound}, and the
 * returned reply goes back on the same association and stream through {@code sctpOutbound}.
 */
@Component
public class UppercaseHandler {

    /**
     * Answers a request in upper case; a blank request gets no answer.
     *
     * @param request the received text
     * @return the reply, or {@code null} to send nothing
     */
    @ServiceActivator(inputChannel = "sctpInbound", outputChannel = "sctpOutbound")
    public @Nullable String handle(String request) {
        return request.isBlank() ? null : request.toUpperCase(Locale.ROOT);
    }
}
