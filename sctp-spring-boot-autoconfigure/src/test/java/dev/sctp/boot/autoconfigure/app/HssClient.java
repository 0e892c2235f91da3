package dev.sctp.boot.autoconfigure.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.QueueChannel;

/**
 * A test application with the client {@code hss}: it sends what reaches {@code hssOutbound}, and its own
 * {@code hssInbound} channel (replacing the auto-configured one by name) queues what the peer sends back.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class HssClient {

    /** Queues the replies for the test to take. */
    @Bean
    QueueChannel hssInbound() {
        return new QueueChannel();
    }
}
