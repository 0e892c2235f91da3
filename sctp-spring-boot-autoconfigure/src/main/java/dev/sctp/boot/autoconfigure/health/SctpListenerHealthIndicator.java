package dev.sctp.boot.autoconfigure.health;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of one SCTP listener: UP while it listens, with its configured and bound addresses and its number of open
 * associations; DOWN with the reason when it does not listen. A listener deliberately not started
 * ({@code auto-startup: false}) and not started since is UNKNOWN, not DOWN: it is not failing, and a readiness probe
 * that includes it should not fail because of it.
 */
public class SctpListenerHealthIndicator extends AbstractHealthIndicator {

    private final SctpServerAssociationFactory factory;

    /**
     * Creates the indicator.
     *
     * @param factory the listener's factory
     */
    public SctpListenerHealthIndicator(SctpServerAssociationFactory factory) {
        super("SCTP listener health check failed");
        this.factory = factory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SctpAddress bound = factory.getBoundAddress();
        builder.withDetail("listening", bound != null)
                .withDetail("addresses", factory.getLocalAddress().toString());
        if (bound != null) {
            builder.up().withDetail("boundAddresses", bound.toString())
                    .withDetail("associations", factory.getOpenAssociationIds().size());
        } else if (!factory.isRunning() && !factory.isAutoStartup()) {
            builder.unknown().withDetail("reason", "not started: auto-startup is false");
        } else {
            builder.down().withDetail("reason", factory.isRunning()
                    ? "not listening: accepting associations stopped (see the log of factory '"
                            + factory.getComponentName() + "')"
                    : "stopped");
        }
    }
}
