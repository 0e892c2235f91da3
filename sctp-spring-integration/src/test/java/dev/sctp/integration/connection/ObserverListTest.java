package dev.sctp.integration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The factory's observers: an array replaced on change, so a loop in progress keeps the array it started with. */
class ObserverListTest {

    private static SctpAssociationObserver observer() {
        return new SctpAssociationObserver() { };
    }

    @Test
    void removingTakesOutTheFirstOccurrenceOnlyAndLeavesAnArrayInUseUnchanged() {
        ObserverList list = new ObserverList();
        SctpAssociationObserver a = observer();
        SctpAssociationObserver b = observer();
        list.add(a);
        list.add(b);
        list.add(a);
        SctpAssociationObserver[] inUse = list.array();

        list.remove(a);
        list.remove(observer()); // not there: nothing changes

        assertThat(list.array()).containsExactly(b, a);
        assertThat(inUse).containsExactly(a, b, a);
        list.remove(b);
        list.remove(a);
        assertThat(list.array()).isEmpty();
    }
}
