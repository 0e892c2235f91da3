package dev.sctp.integration.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The associations of one factory by id, from registration until they end, and the sums over the open ones that
 * status, limits and back-pressure read. Reads need no lock; the factory locks this object to make joining and its
 * stop snapshot atomic (see {@link AbstractSctpAssociationFactory#stop()}).
 */
final class AssociationRegistry {

    private final Map<String, SctpAssociation> byId = new ConcurrentHashMap<>();

    void add(SctpAssociation association) {
        byId.put(association.getId(), association);
    }

    /** Removes {@code association}, not a newer one that reuses its id. */
    void remove(SctpAssociation association) {
        byId.remove(association.getId(), association);
    }

    /** Returns every registered association, open or ending, as a copy. */
    List<SctpAssociation> snapshot() {
        return new ArrayList<>(byId.values());
    }

    /** Returns every registered association, live: for loops that must not allocate a copy. */
    Iterable<SctpAssociation> all() {
        return byId.values();
    }

    @Nullable SctpAssociation open(String id) {
        SctpAssociation association = byId.get(id);
        return association != null && association.isOpen() ? association : null;
    }

    List<SctpAssociation> open() {
        return byId.values().stream().filter(SctpAssociation::isOpen).toList();
    }

    List<String> openIds() {
        return byId.values().stream().filter(SctpAssociation::isOpen).map(SctpAssociation::getId).toList();
    }

    int openCount() {
        int count = 0;
        for (SctpAssociation association : byId.values()) {
            if (association.isOpen()) {
                count++;
            }
        }
        return count;
    }

    int pendingDeliveries() {
        int pending = 0;
        for (SctpAssociation association : byId.values()) {
            pending += association.getPendingDeliveries();
        }
        return pending;
    }

    int inFlightSends() {
        int inFlight = 0;
        for (SctpAssociation association : byId.values()) {
            inFlight += association.getInFlightSends();
        }
        return inFlight;
    }
}
