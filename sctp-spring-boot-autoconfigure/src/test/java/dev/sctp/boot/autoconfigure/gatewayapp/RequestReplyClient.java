package dev.sctp.boot.autoconfigure.gatewayapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.integration.annotation.Gateway;

/**
 * A test application with a client {@code hss} in request-reply mode, used through a {@code @MessagingGateway}. It
 * has a package of its own: Spring Integration scans the auto-configuration package for gateways, and the other
 * test applications must not get this one.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@IntegrationComponentScan
public class RequestReplyClient {

    /** Sends a request over the client and returns the peer's answer. */
    @MessagingGateway
    public interface Hss {

        /**
         * Asks the peer.
         *
         * @param request the request
         * @return the answer
         */
        @Gateway(requestChannel = "hssOutbound")
        String ask(String request);
    }
}
