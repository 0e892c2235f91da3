package dev.sctp.integration.connection;

import dev.sctp.SctpAddress;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides, as a listener accepts an association and before anything is read from it, whether the association may
 * stay: its peer's addresses against the allow-list, and the open associations against the limits. Runs on the
 * accept thread, which is the only one adding associations, so the counts cannot be overtaken.
 */
final class ListenerAdmission {

    /** A refusal: which rule, and the error naming the value, the limit and the setting to change. */
    record Refusal(SctpRejection reason, String message) {
    }

    private ListenerAdmission() {
    }

    /**
     * Returns why {@code peer} may not open one more association on {@code factory}, or {@code null} if it may.
     * Every one of the peer's addresses must be allowed, not only the primary one: the kernel may send on any of them
     * after a path fails.
     */
    static @Nullable Refusal check(SctpServerAssociationFactory factory, @Nullable SctpAddress peer) {
        String name = factory.getComponentName();
        PeerAllowList allowed = factory.allowList();
        List<InetAddress> addresses = peer == null ? List.of() : peer.addresses();
        String from = describe(peer);
        if (!allowed.allowsAll()) {
            if (addresses.isEmpty()) {
                return new Refusal(SctpRejection.PEER_NOT_ALLOWED, "Factory '" + name + "' aborted an association"
                        + " from " + from + ": its addresses could not be read, so they could not be checked"
                        + " against the allowed peers " + allowed + ". The peer is gone already; nothing needs"
                        + " changing unless this happens often, which means peers give up before being accepted");
            }
            InetAddress outside = allowed.firstDisallowed(addresses);
            if (outside != null) {
                return new Refusal(SctpRejection.PEER_NOT_ALLOWED, "Factory '" + name + "' aborted an association"
                        + " from " + from + ": peer address " + outside.getHostAddress() + " is not in the allowed"
                        + " peers " + allowed + ". Add it to allowedPeers (in Spring Boot, the listener's"
                        + " allowed-peers) to accept it");
            }
        }
        int open = factory.getOpenAssociationCount();
        if (open >= factory.getMaxAssociations()) {
            return new Refusal(SctpRejection.MAX_ASSOCIATIONS, "Factory '" + name + "' aborted an association from "
                    + from + ": " + open + " associations are open and maxAssociations is "
                    + factory.getMaxAssociations() + ". Raise maxAssociations (in Spring Boot, the listener's max-associations)"
                    + " to accept more");
        }
        int perPeer = factory.getMaxAssociationsPerPeer();
        if (perPeer < Integer.MAX_VALUE && !addresses.isEmpty()) {
            InetAddress source = PeerAllowList.normalize(addresses.get(0));
            int same = 0;
            for (SctpAssociation association : factory.getAssociations()) {
                if (initiatedFrom(association.getRemoteAddress(), source)) {
                    same++;
                }
            }
            if (same >= perPeer) {
                return new Refusal(SctpRejection.MAX_ASSOCIATIONS_PER_PEER, "Factory '" + name + "' aborted an"
                        + " association from " + from + ": " + same + " associations initiated from "
                        + source.getHostAddress() + " are open and maxAssociationsPerPeer is " + perPeer
                        + ". Raise maxAssociationsPerPeer (in Spring Boot, the listener's max-associations-per-peer)"
                        + " to accept more");
            }
        }
        return null;
    }

    /**
     * Names the peer in a refusal: its addresses and port, or, when the kernel had none to report because the peer
     * aborted or closed before accept took its association, words saying so instead of an empty ":0".
     */
    static String describe(@Nullable SctpAddress peer) {
        return peer == null || peer.addresses().isEmpty() ? "a peer that left before its association was accepted"
                : peer.toString();
    }

    /**
     * Associations of one peer are those initiated from the same address: the kernel lists the INIT's source address
     * first. The other addresses are whatever the peer chose to list in its INIT, unconfirmed; counting those would
     * let a peer list someone else's address and use up that one's quota.
     */
    private static boolean initiatedFrom(SctpAddress open, InetAddress source) {
        List<InetAddress> addresses = open.addresses();
        return !addresses.isEmpty() && PeerAllowList.normalize(addresses.get(0)).equals(source);
    }
}
