package dev.sctp.integration.connection;

import dev.sctp.integration.event.SctpAssociationFailedEvent;
import dev.sctp.integration.event.SctpAssociationLostEvent;
import dev.sctp.integration.event.SctpAssociationRestartedEvent;
import dev.sctp.integration.event.SctpAssociationShutdownEvent;
import dev.sctp.integration.event.SctpPeerAddressChangeEvent;
import dev.sctp.integration.event.SctpRemoteErrorEvent;
import dev.sctp.integration.event.SctpSendFailedEvent;
import dev.sctp.notification.AssociationChange;
import dev.sctp.notification.PeerAddressChange;
import dev.sctp.notification.RemoteError;
import dev.sctp.notification.SctpNotification;
import dev.sctp.notification.SendFailed;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Turns notifications and association endings into events, publishing exactly one terminal event (shutdown, lost or
 * failed) per association.
 */
final class AssociationEvents {

    private AssociationEvents() {
    }

    /** Returns the event for {@code notification}, or null if it has none (or its terminal event was published). */
    static @Nullable ApplicationEvent forNotification(SctpAssociation association, SctpNotification notification) {
        if (notification instanceof AssociationChange change) {
            return switch (change.state()) {
                case RESTART -> new SctpAssociationRestartedEvent(association);
                case COMM_LOST -> association.claimTerminalEvent()
                        ? new SctpAssociationLostEvent(association, CloseReason.LOST, change.error(),
                                AbortCauses.userAbortReason(change.info()), null) : null;
                case SHUTDOWN_COMP -> association.claimTerminalEvent()
                        ? new SctpAssociationShutdownEvent(association) : null;
                case CANT_STR_ASSOC -> association.claimTerminalEvent()
                        ? new SctpAssociationFailedEvent(association.getFactory(),
                                association.getFactory().getComponentName(), association.getRemoteAddress(),
                                association.getId(), new SctpAssociationException(association.getId(),
                                        "Association " + association.getId() + " could not be started (error cause "
                                                + change.error() + ")", null))
                        : null;
                default -> null;
            };
        }
        if (notification instanceof PeerAddressChange change) {
            return new SctpPeerAddressChangeEvent(association, change);
        }
        if (notification instanceof SendFailed failed) {
            return new SctpSendFailedEvent(association, failed);
        }
        if (notification instanceof RemoteError error) {
            return new SctpRemoteErrorEvent(association, error);
        }
        return null;
    }

    /** Returns the terminal event for an association that ended, or null if one was already published. */
    static @Nullable ApplicationEvent forClose(SctpAssociation association, CloseReason reason,
            @Nullable Throwable cause) {
        if (!association.claimTerminalEvent()) {
            return null;
        }
        if (reason.isGraceful()) {
            return new SctpAssociationShutdownEvent(association);
        }
        return new SctpAssociationLostEvent(association, reason, 0, cause);
    }
}
