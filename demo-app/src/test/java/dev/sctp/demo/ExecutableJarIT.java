package dev.sctp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.test.RequiresSctp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The executable jar as {@code scripts/demo} runs it: its manifest enables native access for JNA, and
 * {@code java -jar} in self-test mode prints the summary and exits with 0 (a process of its own, so the exit code is
 * the real one).
 */
@RequiresSctp
@Tag("packaged-jar")
class ExecutableJarIT {

    private static final Path JAR = Path.of(System.getProperty("demo.jar", "target/demo-app-0.1.0-SNAPSHOT.jar"));

    @Test
    void manifestEnablesNativeAccessSoJava24AndLaterDoNotWarn() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access"))
                    .isEqualTo("ALL-UNNAMED");
        }
    }

    @Test
    void selfTestOfTheJarPrintsItsSummaryAndExitsWithZero() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if ("1".equals(System.getenv("SCTP_VM"))) {
            // as scripts/demo runs it in the emulated VM (see sctp.test.jvmArgs)
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        command.addAll(List.of("-jar", JAR.toString(), "--spring.profiles.active=selftest",
                "--demo.port=" + FreePort.pick(), "--demo.load.messages=300", "--demo.load.streams=4"));
        Path output = Files.createTempFile("demo-selftest", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isZero();
            assertThat(printed).contains("300 answered right, 0 errors").contains("OK: every reply was right")
                    .doesNotContain("restricted method");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
