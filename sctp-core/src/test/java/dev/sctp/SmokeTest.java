package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.RequiresSctp;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Proves the harness: a real kernel SCTP association over two bound loopback addresses. */
@RequiresSctp
class SmokeTest {

    @Test
    void exchangesOneMessageBetweenMultiHomedListenerAndClient() throws Exception {
        try (SctpServerSocket server = SctpServerSocket.bind(SctpAddress.parse("127.0.0.1/127.0.0.2:0"))) {
            SctpAddress bound = server.localAddress();
            assertThat(bound.addresses()).containsExactlyInAnyOrder(
                    InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
            assertThat(bound.port()).isPositive();

            try (SctpSocket client = SctpSocket.dial(bound, Duration.ofSeconds(10));
                    SctpSocket accepted = server.accept(Duration.ofSeconds(10))) {
                client.send("ping".getBytes(StandardCharsets.UTF_8), SendInfo.of(1, 46));

                byte[] buf = new byte[64];
                ReceiveInfo info = new ReceiveInfo();
                int n = accepted.receive(buf, 0, buf.length, info);

                assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("ping");
                assertThat(info.streamId()).isEqualTo(1);
                assertThat(info.ppid()).isEqualTo(46);
                assertThat(info.isComplete()).isTrue();
            }
        }
    }
}
