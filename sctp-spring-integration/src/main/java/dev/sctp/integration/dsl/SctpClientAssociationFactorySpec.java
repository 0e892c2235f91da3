package dev.sctp.integration.dsl;

import dev.sctp.SctpAddress;
import dev.sctp.integration.connection.SctpClientAssociationFactory;
import java.time.Duration;
import org.springframework.core.retry.RetryPolicy;

/**
 * A spec for an {@link SctpClientAssociationFactory}.
 *
 * @since 0.1.0
 */
public class SctpClientAssociationFactorySpec
        extends SctpAssociationFactorySpec<SctpClientAssociationFactorySpec, SctpClientAssociationFactory> {

    SctpClientAssociationFactorySpec(SctpClientAssociationFactory factory) {
        super(factory);
    }

    /** Sets the connect timeout. */
    public SctpClientAssociationFactorySpec connectTimeout(Duration timeout) {
        this.target.setConnectTimeout(timeout);
        return this;
    }

    /** Sets the local addresses to bind before connecting, such as {@code "10.0.0.5/10.0.1.5:0"}. */
    public SctpClientAssociationFactorySpec localAddress(String localAddress) {
        this.target.setLocalAddress(SctpAddress.parse(localAddress));
        return this;
    }

    /** Sets the back-off and give-up policy of reconnecting. */
    public SctpClientAssociationFactorySpec reconnectPolicy(RetryPolicy policy) {
        this.target.setReconnectPolicy(policy);
        return this;
    }

    /** Sets whether a lost association is reconnected. */
    public SctpClientAssociationFactorySpec reconnect(boolean reconnect) {
        this.target.setReconnect(reconnect);
        return this;
    }

    /** Sets how long the client stays with a later peer before it goes back to the first; zero stays. */
    public SctpClientAssociationFactorySpec failbackInterval(Duration interval) {
        this.target.setFailbackInterval(interval);
        return this;
    }

    /** Sets whether starting connects in the background. */
    public SctpClientAssociationFactorySpec connectOnStart(boolean connectOnStart) {
        this.target.setConnectOnStart(connectOnStart);
        return this;
    }
}
