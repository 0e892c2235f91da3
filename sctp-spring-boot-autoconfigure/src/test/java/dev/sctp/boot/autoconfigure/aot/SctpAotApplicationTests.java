package dev.sctp.boot.autoconfigure.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.boot.autoconfigure.aotapp.AotServer;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.SourceFile;
import org.springframework.core.test.tools.SourceFiles;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * The application processed ahead of time as the Boot plugin's {@code process-aot} goal does (it runs
 * {@link SpringApplicationAotProcessor}), its generated sources compiled, and the application then started with
 * {@code spring.aot.enabled=true} from the generated initializer: the listener's beans come from the generated code,
 * and the listener answers a real peer. The forked class loader lets the generated classes reach package-private
 * members of the classes they belong with, as in an application built ahead of time.
 */
@RequiresSctp
@CompileWithForkedClassLoader
class SctpAotApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    // the properties at processing time decide which beans exist; at run time only their values may differ. The
    // addresses are a list of hosts with a port, which binds only through the converter bean of the generated code.
    private static final String[] ARGS = { "--spring.main.web-application-type=none",
            "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--sctp.listen.addresses[0]=127.0.0.1",
            "--sctp.listen.port=0",
            "--sctp.metrics.poll-interval=200ms" };

    @TempDir
    Path out;

    @Test
    void theApplicationProcessedAheadOfTimeRunsFromTheGeneratedCodeAndAnswers() throws Exception {
        AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(out.resolve("sources")).resourceOutput(out.resolve("resources"))
                .classOutput(out.resolve("classes")).groupId("dev.sctp").artifactId("aot-test").build();
        ClassName initializer = new SpringApplicationAotProcessor(AotServer.class, settings, ARGS).process();
        assertThat(initializer.canonicalName())
                .isEqualTo(AotServer.class.getName() + "__ApplicationContextInitializer");
        List<Path> generated = javaFiles(out.resolve("sources"));
        SourceFiles sources = SourceFiles.none();
        StringBuilder code = new StringBuilder();
        for (Path file : generated) {
            String source = Files.readString(file);
            code.append(source);
            sources = sources.and(SourceFile.of(source));
        }
        assertThat(code).contains("SctpEndpointBeans.listenerFactory(").contains("\"sctpListener-default\"")
                .contains("SctpPropertiesBinding.sctpHostAddressConverter()");
        TestCompiler.forSystem().withSources(sources).compile(compiled -> runAheadOfTime(compiled.getClassLoader()));
    }

    private static void runAheadOfTime(ClassLoader generated) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(generated);
        System.setProperty(AotDetector.AOT_ENABLED, "true");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AotServer.class).main(AotServer.class)
                .run(ARGS)) {
            assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
            // generated definitions carry the instance supplier the generated code built; a definition processed at
            // run time only names its factory method
            RootBeanDefinition listenerDefinition = (RootBeanDefinition) app.getBeanFactory()
                    .getMergedBeanDefinition("sctpListener-default");
            assertThat(listenerDefinition.getInstanceSupplier()).as("instance supplier of the generated code")
                    .isNotNull();
            SctpServerAssociationFactory listener = app.getBean(SctpServerAssociationFactory.class);
            SctpTestUtils.waitListening(listener, TIMEOUT);
            try (SctpSocket peer = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + listener.getPort()), TIMEOUT)) {
                peer.setReadTimeout(TIMEOUT);
                peer.send("aot".getBytes(StandardCharsets.UTF_8), SendInfo.of(0, 0));
                byte[] buffer = new byte[64];
                int n = peer.receive(buffer, 0, buffer.length, new ReceiveInfo());
                assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("AOT");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(registry.get("sctp.data.received")
                    .tag("name", "default").summary().count()).isEqualTo(1));
        } finally {
            System.clearProperty(AotDetector.AOT_ENABLED);
            thread.setContextClassLoader(previous);
        }
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
