package dev.sctp.boot.autoconfigure.app;

import dev.sctp.integration.dsl.Sctp;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;

/** A test application with no sctp.* properties: one DSL flow builds its own listener, which answers upper-cased. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class DslOnlyServer {

    /**
     * The README's DSL example, on 127.0.0.1 and a free port.
     *
     * @return the flow
     */
    @Bean
    IntegrationFlow upperCaseServer() {
        return IntegrationFlow.from(Sctp.inboundGateway(Sctp.server("127.0.0.1:0")))
                .transform(byte[].class, bytes -> new String(bytes, StandardCharsets.UTF_8).toUpperCase()
                        .getBytes(StandardCharsets.UTF_8))
                .get();
    }
}
