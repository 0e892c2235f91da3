package dev.sctp.boot.autoconfigure.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A test application whose handlers name no output channel: the handler of {@code sctpInbound} answers upper-cased,
 * and fails for a request starting with {@code fail}; the handler of the error channel {@code sctpErrors} answers
 * such a request with {@code ERROR <request>}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class DefaultReplyServer {

    /** Answers upper-cased, through the replyChannel header. */
    @ServiceActivator(inputChannel = "sctpInbound")
    String handle(String request) {
        if (request.startsWith("fail")) {
            throw new IllegalArgumentException("cannot handle " + request);
        }
        return request.toUpperCase();
    }

    /** Answers a failed request, as a Diameter application would with an error answer. */
    @ServiceActivator(inputChannel = "sctpErrors")
    String error(MessagingException failure) {
        Message<?> failed = failure.getFailedMessage();
        return "ERROR " + (failed != null ? failed.getPayload() : failure.getMessage());
    }
}
