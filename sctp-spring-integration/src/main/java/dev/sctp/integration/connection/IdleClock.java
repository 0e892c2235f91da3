package dev.sctp.integration.connection;

/**
 * When an association last sent or received, for the factory's idle policy: each idle spell is reported once, and
 * activity starts a new one. Written by the reader and senders, read by the factory's idle check.
 */
final class IdleClock {

    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean reported;

    /** Records activity now. */
    void markActive() {
        lastActivityNanos = System.nanoTime();
        reported = false;
    }

    /** Returns whether there was no activity for {@code idleNanos} and that was not yet reported; then it is. */
    boolean claimIdle(long idleNanos) {
        if (!reported && System.nanoTime() - lastActivityNanos >= idleNanos) {
            reported = true;
            return true;
        }
        return false;
    }
}
