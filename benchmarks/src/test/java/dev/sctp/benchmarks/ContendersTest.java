package dev.sctp.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.RequiresSctp;
import java.time.Duration;
import java.util.LinkedHashMap;
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

        assertThat(results.oneWay()).singleElement().satisfies(r -> {
            assertThat(r.sent()).isEqualTo(MESSAGES);
            assertThat(r.received()).isEqualTo(MESSAGES);
            assertThat(r.bytes()).isEqualTo((long) MESSAGES * SIZE);
            assertThat(r.nanos()).isPositive();
        });
        assertThat(results.pingPong()).singleElement().satisfies(r -> {
            assertThat(r.rounds()).isEqualTo(ROUNDS);
            assertThat(r.nanos()).isPositive();
        });
        assertThat(ThroughputComparison.check(results, PLAN)).isSameAs(results);
    }

    @Test
    void tableShowsRatiosToTheCLoopAndTheJdk() {
        Map<String, Contender> contenders = ThroughputComparison.contenders(CLoopContender.locate());
        Map<String, Results> results = new LinkedHashMap<>();
        results.put("c", fixed(4_000, 2_000));
        results.put("dev", fixed(2_000, 1_000));
        results.put("jdk", fixed(1_000, 500));
        results.put("jdk-nodelay-off", fixed(100, 5));
        Map<String, String> failures = Map.of("netty", "java.lang.UnsupportedOperationException: libsctp.so.1");

        String table = ThroughputComparison.table(contenders, results, failures);

        assertThat(table).contains("dev.sctp / JDK         = 2.00x one-way, 2.00x ping-pong")
                .contains("dev.sctp / C loop      = 0.50x one-way, 0.50x ping-pong")
                .contains("JDK NODELAY on / off   = 10.00x one-way, 100.00x ping-pong")
                .contains("Netty NioSctpChannel           failed: java.lang.UnsupportedOperationException")
                .doesNotContain("Netty / JDK");
        assertThat(table.lines().filter(l -> l.startsWith("dev.sctp (direct buffers)")).findFirst().orElseThrow())
                .contains("2,000").contains("0.50x").contains("2.00x").contains("1,000.0");
    }

    /** Results of one run at exactly {@code perSecond} messages and {@code roundTrips} round trips per second. */
    private static Results fixed(long perSecond, long roundTrips) {
        Results r = new Results();
        r.add(new Results.OneWay(perSecond, perSecond, perSecond * SIZE, 1_000_000_000L));
        r.add(new Results.PingPong(roundTrips, 1_000_000_000L));
        return r;
    }
}
