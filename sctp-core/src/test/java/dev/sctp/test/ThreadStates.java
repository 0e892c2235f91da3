package dev.sctp.test;

import java.time.Duration;
import java.util.Set;

/** Waits for a test's background thread to reach a state, such as parked in a blocking call, instead of sleeping. */
public final class ThreadStates {

    private ThreadStates() {
    }

    /**
     * Polls {@code thread}'s state until it is one of {@code states} or {@code timeout} passes, and returns the last
     * state seen; the caller asserts on it.
     */
    public static Thread.State await(Thread thread, Duration timeout, Thread.State... states)
            throws InterruptedException {
        Set<Thread.State> wanted = Set.of(states);
        long until = System.nanoTime() + timeout.toNanos();
        Thread.State state = thread.getState();
        while (!wanted.contains(state) && System.nanoTime() < until) {
            Thread.sleep(5);
            state = thread.getState();
        }
        return state;
    }
}
