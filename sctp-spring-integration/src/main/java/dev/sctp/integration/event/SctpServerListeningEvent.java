package dev.sctp.integration.event;

import dev.sctp.SctpAddress;

/**
 * A server factory is listening; the source is the factory. With port 0 this is when the bound port is known.
 *
 * @since 0.1.0
 */
public class SctpServerListeningEvent extends SctpIntegrationEvent {

    private static final long serialVersionUID = 1L;

    private final SctpAddress address;

    /**
     * Creates the event.
     *
     * @param factory the factory
     * @param factoryName its bean name
     * @param address the bound addresses and port
     */
    public SctpServerListeningEvent(Object factory, String factoryName, SctpAddress address) {
        super(factory, factoryName, null);
        this.address = address;
    }

    /** Returns the bound addresses and port. */
    public SctpAddress getAddress() {
        return address;
    }

    /** Returns the bound port. */
    public int getPort() {
        return address.port();
    }

    @Override
    protected String details() {
        return ", address=" + address;
    }
}
