package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.PathState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The self-test mode ({@code scripts/demo} alone): server and client in one process exchange a load over several
 * streams of a two-path association, and the run's exit code is 0 because every reply was right.
 */
class SelfTestModeTests extends DemoServerContext {

    @Autowired
    DemoRun run;

    @Autowired
    LoadGenerator generator;

    @Test
    void everyReplyIsRightSoTheExitCodeIsZero() {
        LoadSummary summary = run.getSummary();
        assertThat(summary).as("the run's summary").isNotNull();
        assertThat(summary.errorSamples()).isEmpty();
        assertThat(summary.answeredRight()).isEqualTo(SELF_TEST_MESSAGES);
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
        assertThat(summary.format()).contains(SELF_TEST_MESSAGES + " answered right, 0 errors")
                .contains("OK: every reply was right")
                .contains("p99").contains("127.0.0.2");
        assertThat(((ExitCodeGenerator) run).getExitCode()).isZero();
    }

    @Test
    void aRunAtAChosenRateShowsProgressAndTakesAsLongAsTheRateSays() throws InterruptedException {
        // 60 requests at 50 per second: the last is due 59/50 s after the first; unthrottled they take far less
        LoadSettings settings = new LoadSettings(60, 3, 2, 50, 100, 46, Duration.ofMillis(200), Duration.ofSeconds(30));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoadSummary summary = generator.run("selftest", settings,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(summary.allRight()).as(summary.format()).isTrue();
        assertThat(summary.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1180));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("progress: ").contains("/60 answered");
    }
}
