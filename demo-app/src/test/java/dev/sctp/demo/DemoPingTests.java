package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo's client pings its listener periodically and gets the answers. */
@RequiresSctp
@SpringBootTest(properties = "demo.ping.interval=100")
class DemoPingTests {

    @Autowired
    PeerReplies replies;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        int port = FreePort.pick();
        registry.add("demo.port", () -> port);
    }

    @Test
    void pingsAreAnswered() throws InterruptedException {
        String first = replies.take(Duration.ofSeconds(60));
        assertThat(first).startsWith("PING ");
        assertThat(replies.take(Duration.ofSeconds(30))).startsWith("PING ");
    }
}
