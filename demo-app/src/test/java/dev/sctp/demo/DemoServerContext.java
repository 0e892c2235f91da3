package dev.sctp.demo;

import dev.sctp.test.RequiresSctp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo in its default mode, server, with HTTP on a free port and the SCTP listener on a free port of
 * 127.0.0.1/127.0.0.2 (the test takes one from the kernel, so parallel builds do not collide on 3868). Test classes
 * extending it share one application context.
 */
@RequiresSctp
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DemoServerContext {

    static final int SCTP_PORT = FreePort.pick();

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("demo.port", () -> SCTP_PORT);
    }
}
