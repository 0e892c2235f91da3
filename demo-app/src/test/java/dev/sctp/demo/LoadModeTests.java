package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpServerSocket;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The load mode against a server that gets one reply of many wrong: the run counts exactly that one as an error,
 * and its exit code is not 0. The server is a plain sctp-core echo peer, not the demo, so the demo's client is
 * judged by someone else's answers.
 */
@RequiresSctp
@ActiveProfiles("load")
@SpringBootTest(properties = {"demo.load.messages=300", "demo.load.streams=4", "demo.load.in-flight=4",
    "demo.load.ppid=46"})
class LoadModeTests {

    private static final int WRONG_REQUEST = 137;
    private static WrongOnceServer server;

    @Autowired
    DemoRun run;

    @DynamicPropertySource
    static void target(DynamicPropertyRegistry registry) throws IOException {
        server = new WrongOnceServer();
        int port = server.port();
        registry.add("demo.target", () -> "127.0.0.1:" + port);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Test
    void oneWrongReplyOfManyMakesTheRunFailWithANonZeroExitCode() {
        LoadSummary summary = run.getSummary();
        assertThat(summary).as("the run's summary").isNotNull();
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.answeredRight()).isEqualTo(299);
        assertThat(summary.errorSamples()).singleElement().asString().contains("wrong reply")
                .contains("request " + WRONG_REQUEST + " ");
        assertThat(summary.allRight()).isFalse();
        assertThat(summary.format()).contains("FAILED: 1 of 300");
        assertThat(((ExitCodeGenerator) run).getExitCode()).isEqualTo(DemoRun.WRONG_REPLIES);
    }

    /**
     * Answers each message upper-cased on its stream and PPID, except request {@value #WRONG_REQUEST}, which it
     * echoes unchanged.
     */
    static final class WrongOnceServer implements AutoCloseable {

        private final SctpServerSocket listener = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1:0"));
        private final AtomicInteger answered = new AtomicInteger();
        private final Thread thread = new Thread(this::serve, "wrong-once-server");
        private volatile boolean closing;

        WrongOnceServer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() throws IOException {
            return listener.localAddress().port();
        }

        private void serve() {
            byte[] buffer = new byte[70_000];
            ReceiveInfo info = new ReceiveInfo();
            try (SctpSocket peer = listener.accept(Duration.ofSeconds(120))) {
                while (!closing) {
                    int n = peer.receive(buffer, 0, buffer.length, info);
                    if (n < 0) {
                        return;
                    }
                    if (info.notification() != null) {
                        continue;
                    }
                    byte[] request = Arrays.copyOf(buffer, n);
                    String text = new String(request, java.nio.charset.StandardCharsets.UTF_8);
                    byte[] reply = text.startsWith("request " + WRONG_REQUEST + " ") ? request
                            : UppercaseHandler.upperCase(request);
                    peer.send(reply, SendInfo.of(info.streamId(), info.ppid()));
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                if (!closing) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            closing = true;
            listener.close();
        }
    }
}
