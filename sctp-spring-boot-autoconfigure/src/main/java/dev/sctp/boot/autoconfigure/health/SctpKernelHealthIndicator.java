package dev.sctp.boot.autoconfigure.health;

import dev.sctp.SctpAvailability;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the kernel provides SCTP ({@link SctpAvailability}): UP, or DOWN with the reason and how to fix it (load
 * the module with {@code modprobe sctp}, check that it is not blacklisted).
 */
public class SctpKernelHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<@Nullable Throwable> unavailabilityCause;

    /** Creates the indicator. */
    public SctpKernelHealthIndicator() {
        this(SctpAvailability::unavailabilityCause);
    }

    // A test gives the cause, since the test machine has SCTP and a kernel without it cannot be made on demand
    SctpKernelHealthIndicator(Supplier<@Nullable Throwable> unavailabilityCause) {
        super("SCTP availability check failed");
        this.unavailabilityCause = unavailabilityCause;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("kernel", System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
        Throwable cause = unavailabilityCause.get();
        if (cause == null) {
            builder.up().withDetail("available", true);
        } else {
            builder.down().withDetail("available", false)
                    .withDetail("reason", cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
    }
}
