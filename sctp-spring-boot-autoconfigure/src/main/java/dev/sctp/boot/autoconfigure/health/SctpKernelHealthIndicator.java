package dev.sctp.boot.autoconfigure.health;

import dev.sctp.SctpAvailability;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the kernel provides SCTP ({@link SctpAvailability}): UP, or DOWN with the reason and how to fix it (load
 * the module with {@code modprobe sctp}, check that it is not blacklisted).
 */
public class SctpKernelHealthIndicator extends AbstractHealthIndicator {

    /** Creates the indicator. */
    public SctpKernelHealthIndicator() {
        super("SCTP availability check failed");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("kernel", System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
        Throwable cause = SctpAvailability.unavailabilityCause();
        if (cause == null) {
            builder.up().withDetail("available", true);
        } else {
            builder.down().withDetail("available", false)
                    .withDetail("reason", cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
    }
}
