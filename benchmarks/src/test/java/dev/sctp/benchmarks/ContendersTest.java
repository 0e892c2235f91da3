package dev.sctp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the benchmark code, not its speed: every contender runs a handful of messages and must deliver exactly
 * what was sent. Nothing here is timed, so it is safe in the normal build.
 */
@RequiresSctp
@Timeout(300)
class ContendersTest {

    private static final int MESSAGES = 200;
    private static final int ROUNDS = 10;
    private static final int SIZE = 1024;

    /** Small counts and a budget no healthy run reaches, so every run does all its work. */
    private static final Plan PLAN = new Plan(SIZE, MESSAGES, ROUNDS, Duration.ofSeconds(120), 0, 1);

    static Stream<String> contenders() {
        return ThroughputComparison.contenders(CLoopContender.locate()).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contenders")
    void deliversEveryMessageAndByteOneWayAndEchoesEveryRound(String key) throws Exception {
        Contender contender = ThroughputComparison.contenders(CLoopContender.locate()).get(key);

        Results results = contender.measure(PLAN);

        if (!contender.oneWay()) {
            assertThat(results.oneWay()).isEmpty();
        } else {
            assertThat(results.oneWay()).singleElement().satisfies(r -> {
                assertThat(r.sent()).isEqualTo(MESSAGES);
                assertThat(r.received()).isEqualTo(MESSAGES);
                assertThat(r.bytes()).isEqualTo((long) MESSAGES * SIZE);
                assertThat(r.nanos()).isPositive();
                assertThat(r.cpuNanos()).isNotNegative();
            });
        }
        assertThat(results.pingPong()).singleElement().satisfies(r -> {
            assertThat(r.rounds()).isEqualTo(ROUNDS);
            assertThat(r.nanos()).isPositive();
            assertThat(r.cpuNanos()).isNotNegative();
            // Every round trip was timed: the slowest of ten is at most the whole run, the median at most that.
            assertThat(r.p50()).isPositive().isLessThanOrEqualTo(r.p99());
            assertThat(r.p99()).isLessThanOrEqualTo(r.p999());
            assertThat(r.p999()).isLessThanOrEqualTo(r.nanos());
        });
        assertThat(ThroughputComparison.check(results, PLAN)).isSameAs(results);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contenders")
    void aOneWayOnlyPlanRunsNoPingPongAndSixtyFourKibMessagesArriveWhole(String key) throws Exception {
        Contender contender = ThroughputComparison.contenders(CLoopContender.locate()).get(key);
        Plan plan = new Plan(65536, 20, 0, Duration.ofSeconds(120), 0, 1);

        Results results = contender.measure(plan);

        assertThat(results.pingPong()).isEmpty();
        if (!contender.oneWay()) {
            assertThat(results.oneWay()).isEmpty();
            return;
        }
        assertThat(results.oneWay()).singleElement().satisfies(r -> {
            assertThat(r.received()).isEqualTo(20);
            assertThat(r.bytes()).isEqualTo(20L * 65536);
        });
    }

    @Test
    void whatAnEndAllocatesOnItsFirstReceiveIsNotCountedInAnyRun() throws Exception {
        // sctp-core allocates a socket's read-ahead (272 B) on its first receive, once per association: counted in a
        // run, it showed as bytes per message. Here each end of a dev.sctp association allocates 1 MiB on its first
        // receive instead, far above what the rest of this JVM (the test runner's threads) allocates meanwhile.
        Contender firstReceiveAllocates = new BlockingContender() {
            @Override
            public String name() {
                return "dev.sctp, 1 MiB on the first receive of each end";
            }

            @Override
            Association open(int size) throws java.io.IOException {
                Association a = new DevSctpContender().open(size);
                return new Association(new FirstReceiveAllocates(a.client()), new FirstReceiveAllocates(a.server()),
                        a.resources());
            }
        };

        Results r = firstReceiveAllocates.measure(new Plan(SIZE, 200, 20, Duration.ofSeconds(120), 0, 1));

        assertThat(r.oneWay().get(0).allocatedBytes()).as("heap bytes of the one-way run").isBetween(0L, 256L * 1024);
        assertThat(r.pingPong().get(0).allocatedBytes()).as("heap bytes of the ping-pong run")
                .isBetween(0L, 256L * 1024);
    }

    /** An end that allocates 1 MiB on its first receive, like a socket that sets up per-association state then. */
    private static final class FirstReceiveAllocates implements BlockingContender.Endpoint {

        private final BlockingContender.Endpoint end;
        private byte[] state;

        FirstReceiveAllocates(BlockingContender.Endpoint end) {
            this.end = end;
        }

        @Override
        public void send(int length) throws java.io.IOException {
            end.send(length);
        }

        @Override
        public int receive() throws java.io.IOException {
            if (state == null) {
                state = new byte[1024 * 1024];
            }
            return end.receive();
        }

        @Override
        public void echo(int length) throws java.io.IOException {
            end.echo(length);
        }
    }

    @Test
    void reportShowsMediansRatiosToTheCLoopAndTheTargetsWithHowMuchTheyMissBy() {
        Map<String, Contender> contenders = ThroughputComparison.contenders(CLoopContender.locate());
        List<CompareRun> runs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // The C loop: 4,000 msg/s one way, 2,000 round trips/s; dev.sctp: half of it in every round but the
            // last; batched: 1.1x the C loop one way.
            runs.add(oneWay("c", round, 4_000));
            runs.add(oneWay("dev", round, round == 2 ? 4_000 : 2_000));
            runs.add(oneWay("dev-batched", round, 4_400));
            runs.add(pingPong("c", round, 2_000));
            runs.add(pingPong("dev", round, 1_000));
        }
        CompareReport report = new CompareReport(contenders, List.of(SIZE), SIZE, Duration.ofSeconds(2), 3, runs,
                Map.of("netty", "java.lang.UnsupportedOperationException: libsctp.so.1"));

        String md = report.markdown();

        assertThat(md).contains("| dev.sctp ping-pong / C loop ping-pong | 0.50x | 0.50x | 0.50x | 1.00x |"
                        + " ≥ 0.9x: MISSED by 44% |")
                .contains("| dev.sctp batched / C loop, one way, 1 KiB | 1.10x | 1.10x | 1.10x | 1.00x | ≥ 1.0x: met |")
                .contains("| dev.sctp / C loop, one way, 1 KiB | 0.50x | 0.50x | 1.00x |")
                .contains("| FAILED: netty | java.lang.UnsupportedOperationException: libsctp.so.1 |")
                .contains("| dev.sctp (direct buffers) | 1 KiB | 2000 | 2000 | 4000 | 2.05 | 0.50x | 10.0 | 3.0 | 0, 0, 0 |")
                .contains("| 4.10 | 1.00x | 10.0 | - | 0, 0, 0 |")
                .doesNotContain("Netty, one way");
    }

    private static CompareRun oneWay(String key, int round, long perSecond) {
        // One second of messages and 10 µs of CPU each.
        // the Java contenders allocate 3 bytes per message; the C loop's allocation is not measured
        return new CompareRun(key, round, SIZE, new Results.OneWay(perSecond, perSecond, perSecond * SIZE,
                1_000_000_000L, perSecond * 10_000, key.equals("c") ? -1 : perSecond * 3), null, 0, 0, 0, 0);
    }

    private static CompareRun pingPong(String key, int round, long perSecond) {
        return new CompareRun(key, round, SIZE, null, new Results.PingPong(perSecond, 1_000_000_000L,
                perSecond * 10_000, 400_000, 900_000, 990_000), 0, 0, 0, 0);
    }
}
