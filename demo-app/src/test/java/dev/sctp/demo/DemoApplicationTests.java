package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import dev.sctp.SctpAddress;
import dev.sctp.SctpSocket;
import dev.sctp.SendInfo;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo answers: its client gets the upper-cased echo from its own listener, and so does any other SCTP peer.
 *
 * <p>The demo's client connects to its own listener, so both need the port before the application starts: the test
 * takes a free one from the kernel (port 0) and hands it to the application as {@code demo.port}.
 */
@RequiresSctp
@SpringBootTest(properties = "demo.ping.enabled=false")
class DemoApplicationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static int port;

    @Autowired
    PeerGateway gateway;

    @Autowired
    PeerReplies replies;

    @Autowired
    SctpClientAssociationFactory client;

    @Autowired
    HealthEndpoint health;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("demo.port", DemoApplicationTests::freePort);
    }

    static synchronized int freePort() {
        if (port == 0) {
            port = FreePort.pick();
        }
        return port;
    }

    @Test
    void clientGetsTheAnswerOfTheListener() throws InterruptedException {
        SctpTestUtils.waitConnected(client, TIMEOUT);
        gateway.send("hello", 3);
        assertThat(replies.take(TIMEOUT)).isEqualTo("HELLO");
        assertThat(health.healthForPath("sctp").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anyPeerGetsAnAnswerOnItsStreamAndBlankRequestsNone() throws IOException {
        try (SctpSocket peer = SctpSocket.dial(SctpAddress.parse("127.0.0.1:" + port), TIMEOUT)) {
            peer.setReadTimeout(TIMEOUT);
            peer.send(" ".getBytes(StandardCharsets.UTF_8), SendInfo.stream(2));
            peer.send("abc".getBytes(StandardCharsets.UTF_8), SendInfo.stream(2));
            byte[] buffer = new byte[1024];
            ReceiveInfo info = new ReceiveInfo();
            int n;
            do {
                n = peer.receive(buffer, 0, buffer.length, info);
            } while (info.notification() != null);
            assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("ABC");
            assertThat(info.streamId()).isEqualTo(2);
        }
    }
}
