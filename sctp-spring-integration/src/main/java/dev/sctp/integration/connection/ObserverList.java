package dev.sctp.integration.connection;

import java.util.Arrays;
import java.util.Objects;

/**
 * A factory's observers, as an array replaced on change: the per-message callbacks loop over it without allocating
 * an iterator, and a change does not disturb a loop in progress.
 */
final class ObserverList {

    private static final SctpAssociationObserver[] NONE = {};

    private volatile SctpAssociationObserver[] observers = NONE;

    synchronized void add(SctpAssociationObserver observer) {
        Objects.requireNonNull(observer, "observer");
        SctpAssociationObserver[] more = Arrays.copyOf(observers, observers.length + 1);
        more[more.length - 1] = observer;
        observers = more;
    }

    synchronized void remove(SctpAssociationObserver observer) {
        SctpAssociationObserver[] now = observers;
        for (int i = 0; i < now.length; i++) {
            if (now[i].equals(observer)) {
                SctpAssociationObserver[] fewer = new SctpAssociationObserver[now.length - 1];
                System.arraycopy(now, 0, fewer, 0, i);
                System.arraycopy(now, i + 1, fewer, i, now.length - i - 1);
                observers = fewer;
                return;
            }
        }
    }

    /** Returns the observers now; callers only read the array. */
    SctpAssociationObserver[] array() {
        return observers;
    }
}
