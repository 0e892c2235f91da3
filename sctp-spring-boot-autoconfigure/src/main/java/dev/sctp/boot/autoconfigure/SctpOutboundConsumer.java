package dev.sctp.boot.autoconfigure;

import dev.sctp.integration.connection.AbstractSctpAssociationFactory;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.Lifecycle;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;

/**
 * Subscribes a listener's or client's outbound handler to its outbound channel, and keeps it subscribed until the
 * factory has stopped, so the replies of requests still being handled while the factory drains reach their peers.
 *
 * <p>Two things make that so. The consumer runs one phase below its factory, so it stops only once the factory's
 * phase is over, that is after the associations were drained and shut down. And it looks the handler and factory up
 * lazily (at the first message, and once created, to take its phase), not while it is being created: a bean looked up then
 * would become its dependency, and Spring stops the dependents of a bean before the bean itself, which would
 * unsubscribe the handler before the factory drains.
 */
final class SctpOutboundConsumer extends EventDrivenConsumer {

    private final Supplier<AbstractSctpAssociationFactory> factory;

    SctpOutboundConsumer(SubscribableChannel channel, Supplier<? extends MessageHandler> handler,
            Supplier<AbstractSctpAssociationFactory> factory) {
        super(channel, new LazyHandler(handler));
        this.factory = factory;
    }

    /** Takes the phase below the factory's; afterPropertiesSet runs after creation, so no dependency arises. */
    @Override
    protected void onInit() {
        super.onInit();
        setPhase(factory.get().getPhase() - 1);
    }

    /**
     * Resolves the handler bean when first started or used; later calls use the same instance. Starting and
     * stopping pass through, as they would for the handler itself.
     */
    private static final class LazyHandler implements MessageHandler, Lifecycle {

        private final Supplier<? extends MessageHandler> lookup;
        private volatile @Nullable MessageHandler handler;

        LazyHandler(Supplier<? extends MessageHandler> lookup) {
            this.lookup = lookup;
        }

        private MessageHandler handler() {
            MessageHandler target = handler;
            if (target == null) {
                target = lookup.get();
                handler = target;
            }
            return target;
        }

        @Override
        public void handleMessage(Message<?> message) {
            handler().handleMessage(message);
        }

        @Override
        public void start() {
            if (handler() instanceof Lifecycle lifecycle) {
                lifecycle.start();
            }
        }

        @Override
        public void stop() {
            if (handler() instanceof Lifecycle lifecycle) {
                lifecycle.stop();
            }
        }

        @Override
        public boolean isRunning() {
            return !(handler() instanceof Lifecycle lifecycle) || lifecycle.isRunning();
        }

        @Override
        public String toString() {
            MessageHandler target = handler;
            return target != null ? target.toString() : "outbound handler (not resolved yet)";
        }
    }
}
