package dev.sctp.integration.event;

import dev.sctp.SctpAddress;
import org.jspecify.annotations.Nullable;

/**
 * A server factory stopped listening, because it was stopped or accepting failed; the source is the factory.
 *
 * @since 0.1.0
 */
public class SctpServerStoppedEvent extends SctpIntegrationEvent {

    private static final long serialVersionUID = 1L;

    private final SctpAddress address;

    /**
     * Creates the event.
     *
     * @param factory the factory
     * @param factoryName its bean name
     * @param address the addresses and port it was bound to
     * @param cause the failure that stopped it, or {@code null} when it was stopped
     */
    public SctpServerStoppedEvent(Object factory, String factoryName, SctpAddress address,
            @Nullable Throwable cause) {
        super(factory, factoryName, cause);
        this.address = address;
    }

    /** Returns the addresses and port the factory was bound to. */
    public SctpAddress getAddress() {
        return address;
    }

    @Override
    protected String details() {
        return ", address=" + address;
    }
}
