package dev.sctp.demo;

import dev.sctp.integration.connection.SctpClientAssociationFactory;
import dev.sctp.integration.test.SctpTestUtils;
import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo in self-test mode, which is the server mode (listener, client, HTTP) plus a load run at start-up; here with
 * HTTP kept on (on a free port; the selftest profile turns it off because {@code main} exits after the run) and the
 * SCTP listener on a free port of 127.0.0.1/127.0.0.2 (taken from the kernel, so parallel builds do not collide on
 * 3868). Test classes extending it share one application context: each start costs much time in the emulated VM.
 */
@RequiresSctp
@ActiveProfiles("selftest")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.main.web-application-type=servlet", "demo.load.messages=" + DemoServerContext.SELF_TEST_MESSAGES,
    "demo.load.streams=6", "demo.load.in-flight=4"})
abstract class DemoServerContext {

    static final int SELF_TEST_MESSAGES = 500;


    static final int SCTP_PORT = FreePort.pick();

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("sctpClient-echo")
    SctpClientAssociationFactory client;

    /** The client connects to the listener in the background at start-up: the tests begin once it has. */
    @BeforeEach
    void clientConnected() {
        SctpTestUtils.waitConnected(client, Duration.ofSeconds(60));
    }

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("demo.port", () -> SCTP_PORT);
    }
}
