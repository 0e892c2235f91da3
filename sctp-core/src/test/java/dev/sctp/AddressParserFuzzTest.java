package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million seeded texts, mutated from valid addresses and host lists or random, through {@link SctpAddress#parse},
 * {@link SctpAddress#resolve}, {@link SctpAddress#parseHosts} and {@link SctpAddress#resolveHosts}: each either
 * parses into an address that prints and parses back equal, or is refused with a non-empty
 * {@link IllegalArgumentException}, the only exception these methods document. It runs in a JVM of its own
 * ({@link AddressParserFuzz}) whose resolver reads a hosts file, so the many texts that are valid host names fail
 * fast instead of asking DNS.
 *
 * <p>Replay a failure with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.iterations=<n>} changes the count.
 */
class AddressParserFuzzTest {

    @Test
    void mutatedAddressTextsParseOrFailOnlyWithIllegalArgument(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int iterations = Integer.getInteger("fuzz.iterations", 1_000_000);
        System.out.println("AddressParserFuzzTest seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Path hosts = Files.writeString(dir.resolve("hosts"),
                "127.0.0.1 localhost\n::1 localhost\n192.0.2.7 peer.example\n2001:db8::7 peer.example\n");
        // Under target/, so the progress of a slow run can be watched from outside the test VM.
        Path out = Files.createDirectories(Path.of("target")).resolve("address-parser-fuzz.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 and the serial GC, as the test JVM itself runs (pom.xml sctp.test.jvmArgs: C2 and G1 crashed under the
        // VM's emulated CPU).
        Process fuzz = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djdk.net.hosts.file=" + hosts,
                "-cp", System.getProperty("java.class.path"), AddressParserFuzz.class.getName(),
                String.valueOf(seed), String.valueOf(iterations)))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = fuzz.waitFor(30, TimeUnit.MINUTES);
        if (!finished) {
            fuzz.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        System.out.print(output);
        assertThat(finished).as("fuzz JVM finished; output:%n%s", output).isTrue();
        assertThat(fuzz.exitValue()).as("fuzz JVM exit status; output:%n%s", output).isZero();
        String summary = output.lines().filter(l -> l.startsWith("OK ")).findFirst().orElse("");
        assertThat(summary).as("fuzz JVM output:%n%s", output).startsWith("OK " + iterations + " inputs");
        // Both outcomes must be common, or the mutator is not reaching the parser's branches.
        String[] words = summary.split("\\s+");
        long parsed = Long.parseLong(words[3]);
        long refused = Long.parseLong(words[5]);
        assertThat(parsed).as("texts parsed").isGreaterThan(iterations / 50);
        assertThat(refused).as("texts refused").isGreaterThan(iterations / 10);
    }
}
