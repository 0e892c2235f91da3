package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.PathState;
import dev.sctp.test.RequiresSctp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The self-test mode ({@code scripts/demo} alone): server and client in one process exchange a load over several
 * streams of a two-path association, and the run's exit code is 0 because every reply was right.
 */
@RequiresSctp
@ActiveProfiles("selftest")
@SpringBootTest(properties = {"demo.load.messages=1500", "demo.load.streams=6", "demo.load.in-flight=4"})
class SelfTestModeTests {

    @Autowired
    DemoRun run;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        int port = FreePort.pick();
        registry.add("demo.port", () -> port);
    }

    @Test
    void everyReplyIsRightSoTheExitCodeIsZero() {
        LoadSummary summary = run.getSummary();
        assertThat(summary).as("the run's summary").isNotNull();
        assertThat(summary.errorSamples()).isEmpty();
        assertThat(summary.answeredRight()).isEqualTo(1500);
        assertThat(summary.errors()).isZero();
        assertThat(summary.streamsUsed()).isEqualTo(6);
        assertThat(summary.p50Nanos()).isPositive().isLessThanOrEqualTo(summary.p99Nanos());
        assertThat(summary.p99Nanos()).isLessThanOrEqualTo(summary.maxNanos());
        AssociationReport association = summary.association();
        assertThat(association.error()).isNull();
        // both of the listener's addresses; the second path may still wait for its confirming heartbeat
        assertThat(association.paths()).hasSize(2);
        assertThat(association.primary()).isNotNull();
        assertThat(association.primary().state()).isEqualTo(PathState.ACTIVE);
        assertThat(summary.format()).contains("1500 answered right, 0 errors").contains("OK: every reply was right")
                .contains("p99").contains("127.0.0.2");
        assertThat(((ExitCodeGenerator) run).getExitCode()).isZero();
    }
}
