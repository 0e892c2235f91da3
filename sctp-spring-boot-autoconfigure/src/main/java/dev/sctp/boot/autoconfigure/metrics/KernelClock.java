package dev.sctp.boot.autoconfigure.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's clock rate ({@code CONFIG_HZ}), which converts the smoothed RTT Linux reports in clock ticks: read
 * from {@code /boot/config-<release>} or {@code /proc/config.gz}, else {@value #FALLBACK_HZ} (Debian's and Ubuntu's
 * value).
 */
final class KernelClock {

    static final int FALLBACK_HZ = 250;

    private static final Pattern CONFIG_HZ = Pattern.compile("^CONFIG_HZ=(\\d+)$");

    private KernelClock() {
    }

    static int hz(@Nullable Integer configured) {
        if (configured != null) {
            return configured;
        }
        String release = System.getProperty("os.version", "");
        return read(Path.of("/boot/config-" + release), false)
                .or(() -> read(Path.of("/proc/config.gz"), true))
                .orElse(FALLBACK_HZ);
    }

    static Optional<Integer> read(Path config, boolean gzipped) {
        if (!Files.isReadable(config)) {
            return Optional.empty();
        }
        try (InputStream in = gzipped ? new GZIPInputStream(Files.newInputStream(config))
                : Files.newInputStream(config);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = CONFIG_HZ.matcher(line);
                if (m.matches()) {
                    return Optional.of(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or malformed: fall back
        }
        return Optional.empty();
    }
}
