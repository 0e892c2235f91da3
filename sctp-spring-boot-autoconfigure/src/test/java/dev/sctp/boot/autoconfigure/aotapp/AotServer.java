package dev.sctp.boot.autoconfigure.aotapp;

import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.boot.autoconfigure.SctpPropertiesAutoConfiguration;
import dev.sctp.boot.autoconfigure.metrics.SctpMetricsAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.integration.annotation.ServiceActivator;

/**
 * The application the AOT test processes ahead of time and then runs from the generated initializer: a listener
 * from {@code sctp.listen.*}, a {@code @ServiceActivator} answering upper-cased, and metrics. It imports only the
 * auto-configurations it needs, so the generated code stays small enough to compile quickly in the test VM.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
        TaskSchedulingAutoConfiguration.class, IntegrationAutoConfiguration.class, MetricsAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        SctpPropertiesAutoConfiguration.class, SctpAutoConfiguration.class, SctpMetricsAutoConfiguration.class })
public class AotServer {

    /**
     * Answers upper-cased on the association and stream of the request.
     *
     * @param request the request
     * @return the answer
     */
    @ServiceActivator(inputChannel = "sctpInbound")
    String handle(String request) {
        return request.toUpperCase();
    }

    /**
     * Runs the application; Spring AOT's processor calls it to capture the context it processes.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(AotServer.class, args);
    }
}
