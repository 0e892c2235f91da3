package dev.sctp.benchmarks.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.ServiceActivator;

/**
 * The benchmark's Spring Boot application, written as a user of {@code sctp-spring-boot-starter} writes one: the
 * listener {@code sctp.listen} hands each request to the {@code @ServiceActivator} below on {@code sctpInbound}, whose
 * answer leaves through {@code sctpOutbound} on the request's association and stream; the client {@code bench}
 * ({@code mode: request-reply}) sends through {@link EchoGateway}. The properties are set by
 * {@code SpringBootStarterContender}. It has a package of its own, so that Spring's scans find only its beans.
 */
@SpringBootApplication(proxyBeanMethods = false)
@IntegrationComponentScan
public class EchoApplication {

    /**
     * Answers a request with its own bytes.
     *
     * @param request the received payload
     * @return the reply: the same bytes
     */
    @ServiceActivator(inputChannel = "sctpInbound", outputChannel = "sctpOutbound")
    public byte[] echo(byte[] request) {
        return request;
    }
}
