package dev.sctp.boot.autoconfigure.health;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpServerAssociationFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of one SCTP listener: UP while it listens, with its configured and bound addresses and its number of open
 * associations; DOWN with the reason when it does not listen.
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
        } else {
            builder.down().withDetail("reason", factory.isRunning()
                    ? "not listening: accepting associations stopped (see the log of factory '"
                            + factory.getComponentName() + "')"
                    : "stopped");
        }
    }
}
