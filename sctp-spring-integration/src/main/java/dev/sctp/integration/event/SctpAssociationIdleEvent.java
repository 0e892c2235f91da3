package dev.sctp.integration.event;

import dev.sctp.integration.connection.SctpAssociation;
import java.time.Duration;

/**
 * No message was sent or received on an association for the factory's idle timeout. Published once per idle period;
 * the next message starts a new one. The association stays open: close it from a listener if that is the policy.
 *
 * @since 0.1.0
 */
public class SctpAssociationIdleEvent extends SctpAssociationEvent {

    private static final long serialVersionUID = 1L;

    private final Duration idleTime;

    /**
     * Creates the event.
     *
     * @param association the association
     * @param idleTime the configured idle timeout that passed
     */
    public SctpAssociationIdleEvent(SctpAssociation association, Duration idleTime) {
        super(association, null);
        this.idleTime = idleTime;
    }

    /** Returns the idle timeout that passed. */
    public Duration getIdleTime() {
        return idleTime;
    }

    @Override
    protected String moreDetails() {
        return ", idle=" + idleTime;
    }
}
