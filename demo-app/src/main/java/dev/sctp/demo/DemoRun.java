package dev.sctp.demo;

import java.io.PrintStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one-shot modes, {@code selftest} and {@code load}: runs the load once the application has started, prints the
 * summary, and keeps the exit code that {@link DemoApplication#main} exits with.
 */
@Component
@Profile({"selftest", "load"})
public class DemoRun implements ApplicationRunner, ExitCodeGenerator {

    /** Exit code when every reply was right. */
    public static final int OK = 0;
    /** Exit code when a request failed or a reply was wrong. */
    public static final int WRONG_REPLIES = 1;
    /** Exit code when the run could not take place (no association, impossible settings). */
    public static final int NOT_RUN = 2;

    private final LoadGenerator generator;
    private final LoadSettings settings;
    private final String mode;
    private final PrintStream out = System.out;
    private volatile @Nullable LoadSummary summary;
    private volatile int exitCode = NOT_RUN;

    /**
     * Creates the run.
     *
     * @param generator what sends the load
     * @param settings what to send
     * @param environment tells which mode this is
     */
    public DemoRun(LoadGenerator generator, LoadSettings settings, Environment environment) {
        this.generator = generator;
        this.settings = settings;
        this.mode = environment.matchesProfiles("load") ? "load" : "selftest";
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        out.printf("%s: %d messages over %d streams, %d in flight, to %s%n", mode, settings.messages(),
                settings.streams(), settings.inFlight(), "the client 'echo' (demo.target)");
        try {
            LoadSummary result = generator.run(mode, settings, out);
            summary = result;
            out.print(result.format());
            exitCode = result.allRight() ? OK : WRONG_REPLIES;
        } catch (IllegalStateException e) {
            out.println("=== SCTP demo " + mode + ": not run ===");
            out.println(e.getMessage());
            exitCode = NOT_RUN;
        }
        out.flush();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Returns the summary of the run, or {@code null} if it did not run (yet). */
    public @Nullable LoadSummary getSummary() {
        return summary;
    }
}
