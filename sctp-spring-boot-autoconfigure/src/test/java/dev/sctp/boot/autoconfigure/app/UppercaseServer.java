package dev.sctp.boot.autoconfigure.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.integration.annotation.ServiceActivator;

/** A test application with the handler of the issue: whatever arrives on a listener goes back upper-cased. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class UppercaseServer {

    /**
     * Answers each request on the association and stream it came from; a request starting with {@code slow } takes
     * a second and a half, so a test can stop the application while it is being handled.
     */
    @ServiceActivator(inputChannel = "sctpInbound", outputChannel = "sctpOutbound")
    String handle(String request) throws InterruptedException {
        if (request.startsWith("slow ")) {
            Thread.sleep(1500);
        }
        return request.toUpperCase();
    }
}
