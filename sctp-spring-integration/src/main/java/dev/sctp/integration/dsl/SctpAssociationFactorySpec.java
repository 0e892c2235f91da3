package dev.sctp.integration.dsl;

import dev.sctp.InitOptions;
import dev.sctp.SctpNetwork;
import dev.sctp.SctpOption;
import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import dev.sctp.integration.connection.SctpAssociationInterceptor;
import dev.sctp.integration.connection.SctpAssociationInterceptorFactory;
import dev.sctp.integration.connection.SctpAssociationInterceptorFactoryChain;
import dev.sctp.integration.connection.SctpSocketSupport;
import dev.sctp.integration.support.SctpHeaderMapper;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.springframework.integration.dsl.IntegrationComponentSpec;

/**
 * The settings common to server and client factory specs.
 *
 * @param <S> the spec type
 * @param <F> the factory type
 * @since 0.1.0
 */
public abstract class SctpAssociationFactorySpec<S extends SctpAssociationFactorySpec<S, F>,
        F extends AbstractSctpAssociationFactory> extends IntegrationComponentSpec<S, F> {

    SctpAssociationFactorySpec(F factory) {
        this.target = factory;
    }

    /** Sets the factory's bean name. */
    @Override
    public S id(String id) {
        this.target.setBeanName(id);
        return _this();
    }

    /** Sets an sctp-core socket option; see {@link AbstractSctpAssociationFactory#setOption}. */
    public <T> S option(SctpOption<T> option, T value) {
        this.target.setOption(option, value);
        return _this();
    }

    /** Sets the streams asked for and INIT retries. */
    public S initOptions(InitOptions initOptions) {
        this.target.setInitOptions(initOptions);
        return _this();
    }

    /** Sets the address family. */
    public S network(SctpNetwork network) {
        this.target.setNetwork(network);
        return _this();
    }

    /** Sets the executor for readers and deliveries. */
    public S taskExecutor(Executor executor) {
        this.target.setTaskExecutor(executor);
        return _this();
    }

    /** Sets the header mapper. */
    public S headerMapper(SctpHeaderMapper mapper) {
        this.target.setHeaderMapper(mapper);
        return _this();
    }

    /** Sets the most associations open at once. */
    public S maxAssociations(int max) {
        this.target.setMaxAssociations(max);
        return _this();
    }

    /** Sets the largest message size in bytes. */
    public S maxMessageSize(int max) {
        this.target.setMaxMessageSize(max);
        return _this();
    }

    /** Sets the most bytes of unfinished messages one association keeps, over all streams. */
    public S maxPartialMessageBytes(long max) {
        this.target.setMaxPartialMessageBytes(max);
        return _this();
    }

    /** Sets the most sends in flight per association. */
    public S maxInFlightSends(int max) {
        this.target.setMaxInFlightSends(max);
        return _this();
    }

    /** Sets the most received messages pending delivery per association. */
    public S maxPendingDeliveries(int max) {
        this.target.setMaxPendingDeliveries(max);
        return _this();
    }

    /** Sets the send timeout. */
    public S sendTimeout(Duration timeout) {
        this.target.setSendTimeout(timeout);
        return _this();
    }

    /** Sets the idle timeout after which an idle event is published. */
    public S idleTimeout(Duration timeout) {
        this.target.setIdleTimeout(timeout);
        return _this();
    }

    /** Sets how long stopping waits for graceful shutdown. */
    public S shutdownTimeout(Duration timeout) {
        this.target.setShutdownTimeout(timeout);
        return _this();
    }

    /** Sets what adjusts each socket after the options are applied; see {@link SctpSocketSupport}. */
    public S socketSupport(SctpSocketSupport socketSupport) {
        this.target.setSocketSupport(socketSupport);
        return _this();
    }

    /** Sets the size of the buffer each association reads into (not SO_RCVBUF). */
    public S readBufferSize(int size) {
        this.target.setReadBufferSize(size);
        return _this();
    }

    /** Sets each association's interceptors, the first nearest the application ({@link SctpAssociationInterceptor}). */
    public S interceptors(SctpAssociationInterceptorFactory... interceptorFactories) {
        SctpAssociationInterceptorFactoryChain chain = new SctpAssociationInterceptorFactoryChain();
        chain.setInterceptors(interceptorFactories);
        this.target.setInterceptorFactoryChain(chain);
        return _this();
    }

    /** Sets the registry of the associations' observations ({@code sctp.association}). */
    public S observationRegistry(ObservationRegistry registry) {
        this.target.setObservationRegistry(registry);
        return _this();
    }
}
