package dev.sctp.integration.event;

import org.jspecify.annotations.Nullable;
import org.springframework.integration.events.IntegrationEvent;

/**
 * The base of every application event an SCTP association factory publishes; it names the factory.
 *
 * @since 0.1.0
 */
public abstract class SctpIntegrationEvent extends IntegrationEvent {

    private static final long serialVersionUID = 1L;

    private final String factoryName;

    /**
     * Creates the event.
     *
     * @param source the association or factory the event is about
     * @param factoryName the bean name of the factory
     * @param cause the failure behind the event, if any
     */
    protected SctpIntegrationEvent(Object source, String factoryName, @Nullable Throwable cause) {
        super(source, cause);
        this.factoryName = factoryName;
    }

    /** Returns the bean name of the factory that published the event. */
    public String getFactoryName() {
        return factoryName;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[factory=" + factoryName + details()
                + (getCause() != null ? ", cause=" + getCause() : "") + "]";
    }

    /** Returns {@code ", key=value"} pairs of the subclass for {@link #toString()}. */
    protected String details() {
        return "";
    }
}
