package dev.sctp.benchmarks;

/** One SCTP implementation in the comparison. */
public interface Contender {

    /** Returns the name shown in the table. */
    String name();

    /**
     * Opens one association on loopback, runs {@code plan}'s warm-ups and measured runs (all one-way runs, then
     * all ping-pong runs) on it, closes it, and returns the measured runs.
     *
     * @throws IllegalStateException if a run loses or corrupts messages: a wrong count invalidates the numbers
     */
    Results measure(Plan plan) throws Exception;

    /** Returns whether this contender runs one-way tests; one that does not returns no one-way runs. */
    default boolean oneWay() {
        return true;
    }
}
