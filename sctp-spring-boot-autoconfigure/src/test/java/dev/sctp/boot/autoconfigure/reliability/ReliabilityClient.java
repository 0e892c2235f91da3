package dev.sctp.boot.autoconfigure.reliability;

import dev.sctp.boot.autoconfigure.health.SctpHealthContributor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.QueueChannel;

/**
 * The application of the reliability tests: the starter's client {@code peer} (configured by each test's
 * properties) sends what reaches {@code peerOutbound}; its events are recorded.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ReliabilityClient {

    /** Queues what the listener {@code sctp} receives, when a test configures one. */
    @Bean
    QueueChannel sctpInbound() {
        return new QueueChannel();
    }

    /** Records the SCTP events. */
    @Bean
    EventLog eventLog() {
        return new EventLog();
    }

    /** Returns the health of the client {@code peer} of {@code app}, with its details. */
    static Health health(ApplicationContext app) {
        CompositeHealthContributor clients = (CompositeHealthContributor) app.getBean(SctpHealthContributor.class)
                .getContributor("clients");
        return ((HealthIndicator) clients.getContributor("peer")).health(true);
    }
}
