package dev.sctp.boot.autoconfigure.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.boot.autoconfigure.SctpAutoConfiguration;
import dev.sctp.boot.autoconfigure.SctpPropertiesAutoConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Spring AOT processes the auto-configured listener, client (one-way and request-reply) and their adapters: the
 * bean definitions are turned into code that calls {@code SctpEndpointBeans}, instead of being rejected as instance
 * suppliers. The context is only processed, not refreshed, so no socket opens.
 */
class SctpAotProcessingTests {

    @Test
    void theAutoConfiguredEndpointsAreProcessedAheadOfTime() throws IOException {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of("sctp.listen.addresses=127.0.0.1:0", "sctp.clients.hss.addresses=127.0.0.1:3868",
                    "sctp.clients.hlr.addresses=127.0.0.1:3869", "sctp.clients.hlr.mode=request-reply")
                    .applyTo(context);
            context.register(IntegrationAutoConfiguration.class, SctpPropertiesAutoConfiguration.class,
                    SctpAutoConfiguration.class);
            // Boot's task scheduling auto-configuration provides it in an application; Integration's own fallback
            // is not processable, and is not what this test is about
            context.registerBean("taskScheduler", ThreadPoolTaskScheduler.class);
            InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("dev.sctp.aot.test", "App")), files);
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();
            String code = sources(files.getGeneratedFiles(GeneratedFiles.Kind.SOURCE));
            assertThat(code).contains("SctpEndpointBeans.listenerFactory(")
                    .contains("SctpEndpointBeans.clientFactory(").contains("SctpEndpointBeans.inboundAdapter(")
                    .contains("SctpEndpointBeans.outboundHandler(").contains("SctpEndpointBeans.gateway(")
                    .contains("SctpEndpointBeans.outboundConsumer(").contains("\"sctpListener-default\"")
                    .contains("\"sctpClient-hlr\"");
        }
    }

    private static String sources(Map<String, InputStreamSource> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (InputStreamSource file : files.values()) {
            try (InputStream in = file.getInputStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }
}
