package dev.sctp.boot.autoconfigure.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.integration.annotation.ServiceActivator;

/** A test application with the handler of the issue: whatever arrives on a listener goes back upper-cased. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class UppercaseServer {

    /** Answers each request on the association and stream it came from. */
    @ServiceActivator(inputChannel = "sctpInbound", outputChannel = "sctpOutbound")
    String handle(String request) {
        return request.toUpperCase();
    }
}
