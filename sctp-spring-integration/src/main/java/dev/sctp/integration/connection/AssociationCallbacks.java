package dev.sctp.integration.connection;

import dev.sctp.SctpAddress;
import dev.sctp.integration.event.SctpAssociationOpenedEvent;
import dev.sctp.integration.event.SctpAssociationRejectedEvent;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;
import org.springframework.messaging.Message;

/**
 * What a factory does when its associations report: events, observers, the listener and interceptors. Kept apart
 * from the factory's configuration and lifecycle; each association calls it from its reader and delivery threads.
 */
final class AssociationCallbacks {

    private final AbstractSctpAssociationFactory factory;
    private final Set<SctpAssociationObserver> failedObservers = ConcurrentHashMap.newKeySet();
    private final RejectionLog rejectionLog = new RejectionLog();
    private final ReceivedMessageBuilder messages = new ReceivedMessageBuilder();

    AssociationCallbacks(AbstractSctpAssociationFactory factory) {
        this.factory = factory;
    }

    void associationUp(SctpAssociation association) {
        factory.log().debug(() -> "Association " + association.getId() + " is up");
        try {
            association.observation = AssociationObservation.start(factory.getObservationRegistry(), association);
        } catch (RuntimeException e) {
            factory.log().error(e, () -> "Failed to start the observation of association " + association.getId());
        }
        factory.publish(new SctpAssociationOpenedEvent(association));
        for (SctpAssociationObserver o : factory.observers()) {
            safely(() -> o.associationOpened(association), "observe the start of", association);
        }
    }

    void handleNotification(SctpAssociation association, SctpNotification notification) {
        InetAddress outside = notification instanceof PeerAddressChange change ? outsideAllowList(association, change)
                : null;
        if (outside != null) {
            SctpAssociationException cause = new SctpAssociationException(association.getId(), "Factory '"
                    + factory.getComponentName() + "' aborted association " + association.getId() + ": the peer"
                    + " has address " + outside.getHostAddress() + ", which is not in the allowed peers. Add it to"
                    + " allowedPeers (in Spring Boot, the listener's allowed-peers) to accept it", null);
            rejected(association.getRemoteAddress(), association.getId(), SctpRejection.PEER_NOT_ALLOWED, cause);
            association.fail(cause);
            return;
        }
        for (SctpAssociationObserver o : factory.observers()) {
            try {
                o.notificationReceived(association, notification);
            } catch (RuntimeException e) {
                observerFailed(o, "notificationReceived", association, e);
            }
        }
        if (notification instanceof SendFailed failed) {
            SctpAssociationException cause = new SctpAssociationException(association.getId(), "The kernel could not"
                    + " deliver a message on stream " + failed.info().streamId() + " of association "
                    + association.getId() + " (error " + failed.error() + ")", null);
            observeSendFailed(association, failed.info().streamId(), failed.payload().length, cause);
        }
        ApplicationEvent event = AssociationEvents.forNotification(association, notification);
        if (event != null) {
            factory.publish(event);
        }
        SctpListener l = factory.getListener();
        if (l != null) {
            safely(() -> l.onNotification(association, notification), "handle a notification of", association);
        }
    }

    /**
     * On a server, the first of the peer's addresses outside the listener's allow-list after an address change (the
     * address the change names, when it became usable, and every address the kernel now lists), or {@code null}.
     * The whole list is checked, not only the named address, so a change reported in another form cannot let one in.
     */
    private @Nullable InetAddress outsideAllowList(SctpAssociation association, PeerAddressChange change) {
        if (!(factory instanceof SctpServerAssociationFactory server) || server.allowList().allowsAll()) {
            return null;
        }
        InetAddress named = change.address() == null ? null : change.address().getAddress();
        boolean usable = switch (change.state()) {
            case ADDR_ADDED, ADDR_AVAILABLE, ADDR_CONFIRMED, ADDR_MADE_PRIM -> true;
            default -> false;
        };
        if (usable && named != null && !server.isAllowedPeer(named)) {
            return named;
        }
        return server.allowList().firstDisallowed(association.getRemoteAddress().addresses());
    }

    /**
     * Reports an association aborted by an allow-list or a limit: a warning with the peer's addresses (never a
     * payload), the rejected event, and the observers (the starter's {@code sctp.associations.rejected} metric).
     */
    void rejected(@Nullable SctpAddress peer, @Nullable String associationId, SctpRejection reason,
            SctpAssociationException cause) {
        rejectionLog.log(factory.log(), cause.getMessage());
        factory.publish(new SctpAssociationRejectedEvent(factory, factory.getComponentName(), peer, associationId,
                reason, cause));
        for (SctpAssociationObserver o : factory.observers()) {
            try {
                o.associationRejected(peer, reason, cause);
            } catch (RuntimeException e) {
                factory.log().error(e, () -> "Observer " + o + " failed in associationRejected");
            }
        }
    }

    /**
     * Reports a message over the size limit and returns the error that ends its association: reassembly stopped at
     * the limit, and an association whose peer ignores the limit is aborted rather than read on.
     */
    SctpAssociationException messageTooLarge(SctpAssociation association, int size, int stream) {
        SctpAssociationException error = new SctpAssociationException(association.getId(), "Association "
                + association.getId() + " sent a message on stream " + stream + " of at least " + size
                + " bytes, over the maximum message size of " + factory.getMaxMessageSize() + " bytes of factory '"
                + factory.getComponentName() + "'; the association was aborted. Raise maxMessageSize"
                + " (in Spring Boot, max-message-size of the listener or client) to accept such messages", null);
        rejected(association.getRemoteAddress(), association.getId(), SctpRejection.MAX_MESSAGE_SIZE, error);
        offerToListener(association, error); // logged once above, as a warning
        return error;
    }

    /**
     * Reports unfinished messages over the association-wide limit and returns the error that ends the association:
     * the parts kept were dropped, and a peer that keeps messages in parts on many streams is aborted.
     */
    SctpAssociationException partialMessagesTooLarge(SctpAssociation association, long bytes, int streams,
            int stream) {
        long limit = factory.getMaxPartialMessageBytes();
        SctpAssociationException error = new SctpAssociationException(association.getId(), "Association "
                + association.getId() + " had unfinished messages on " + streams + " streams at once; with a part"
                + " on stream " + stream + " they would have held " + bytes + " bytes, over the limit of " + limit
                + " bytes of factory '" + factory.getComponentName() + "' for messages in parts"
                + " (maxPartialMessageBytes, by default 4 x maxMessageSize); the association was aborted and the parts dropped. If peers"
                + " interleave large messages on many streams (I-DATA), raise maxPartialMessageBytes (in Spring Boot,"
                + " max-partial-message-bytes of the listener or client)", null);
        rejected(association.getRemoteAddress(), association.getId(), SctpRejection.MAX_PARTIAL_MESSAGE_BYTES, error);
        offerToListener(association, error);
        return error;
    }

    // Observers are called in loops, not with lambdas, so the per-message path allocates nothing. A failing observer
    // must not end the association or turn a send that succeeded into a failure.

    void observeReceived(SctpAssociation association, int streamId, int bytes) {
        for (SctpAssociationObserver o : factory.observers()) {
            try {
                o.messageReceived(association, streamId, bytes);
            } catch (RuntimeException e) {
                observerFailed(o, "messageReceived", association, e);
            }
        }
    }

    void observeSent(SctpAssociation association, int streamId, int bytes) {
        for (SctpAssociationObserver o : factory.observers()) {
            try {
                o.messageSent(association, streamId, bytes);
            } catch (RuntimeException e) {
                observerFailed(o, "messageSent", association, e);
            }
        }
    }

    void observeSendFailed(SctpAssociation association, int streamId, int bytes, Throwable cause) {
        for (SctpAssociationObserver o : factory.observers()) {
            try {
                o.sendFailed(association, streamId, bytes, cause);
            } catch (RuntimeException e) {
                observerFailed(o, "sendFailed", association, e);
            }
        }
    }

    void connectFailed(dev.sctp.SctpAddress peer, Exception cause) {
        for (SctpAssociationObserver o : factory.observers()) {
            try {
                o.connectFailed(peer, cause);
            } catch (RuntimeException e) {
                factory.log().error(e, () -> "Observer " + o + " failed in connectFailed for " + peer);
            }
        }
    }

    /** Logs an observer's failure: at error level the first time, then at debug, so a broken one cannot flood. */
    private void observerFailed(SctpAssociationObserver observer, String callback, SctpAssociation association,
            RuntimeException e) {
        if (failedObservers.add(observer)) {
            factory.log().error(e, () -> "Observer " + observer + " of factory '" + factory.getComponentName()
                    + "' failed in " + callback + " for association " + association.getId()
                    + "; the association carries on (later failures of this observer are logged at debug level)");
        } else {
            factory.log().debug(e, () -> "Observer " + observer + " failed in " + callback + " for association "
                    + association.getId());
        }
    }

    void deliver(SctpAssociation association, SctpReceivedMessage received) {
        SctpListener l = factory.getListener();
        if (l == null) {
            factory.log().error(() -> "Factory '" + factory.getComponentName() + "' has no listener: the "
                    + received.payload().length + "-byte message from association " + association.getId()
                    + " on stream " + received.streamId() + " is dropped. Register an inbound endpoint or gateway");
            return;
        }
        Map<String, Object> headers = factory.getHeaderMapper().toHeaders(association, received);
        Message<byte[]> message = messages.build(factory.messageBuilders(), received.payload(), headers);
        Message<byte[]> passed;
        try {
            passed = association.intercept(message);
        } catch (RuntimeException e) {
            receiveError(association, new SctpAssociationException(association.getId(), "An interceptor of "
                    + "association " + association.getId() + " failed on a message of stream " + received.streamId()
                    + "; the message was not delivered: " + e.getMessage(), e));
            return;
        }
        if (passed != null) {
            l.onMessage(passed);
        }
    }

    void receiveError(SctpAssociation association, Exception error) {
        if (!offerToListener(association, error)) {
            factory.log().error(error, error.getMessage());
        }
    }

    /** Hands {@code error} to the listener; returns whether it handled it. */
    private boolean offerToListener(SctpAssociation association, Exception error) {
        SctpListener l = factory.getListener();
        try {
            return l != null && l.onError(association, error);
        } catch (RuntimeException e) {
            factory.log().error(e, () -> "The listener failed to handle an error of association "
                    + association.getId());
            return false;
        }
    }

    void associationClosed(SctpAssociation association, CloseReason reason, @Nullable Throwable cause) {
        factory.forget(association);
        factory.log().debug(() -> "Association " + association.getId() + " ended: " + reason);
        safely(() -> AssociationObservation.stop(association.observation, reason, cause), "stop the observation of",
                association);
        ApplicationEvent event = AssociationEvents.forClose(association, reason, cause);
        if (event != null) {
            factory.publish(event);
        }
        for (SctpAssociationObserver o : factory.observers()) {
            safely(() -> o.associationClosed(association, reason, cause), "observe the end of", association);
        }
        SctpListener l = factory.getListener();
        if (l != null) {
            safely(() -> l.onAssociationClosed(association, reason), "handle the end of", association);
        }
        factory.onAssociationClosed(association, reason);
    }

    private void safely(Runnable callback, String what, SctpAssociation association) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            factory.log().error(e, () -> "Failed to " + what + " association " + association.getId());
        }
    }
}
