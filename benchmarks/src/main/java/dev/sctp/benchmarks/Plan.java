package dev.sctp.benchmarks;

import java.time.Duration;

/**
 * What every contender runs: the same message size, counts, time budget and number of runs.
 *
 * @param messageSize bytes per message (the end marker is 1 byte, so at least 2)
 * @param messages messages per one-way run, at most; 0 runs no one-way test
 * @param rounds round trips per ping-pong run, at most; 0 runs no ping-pong test
 * @param budget a run stops early once this much time has passed, so a slow contender (such as the JDK with
 *     NODELAY off) cannot stretch the benchmark; rates are computed from what was done in the time taken
 * @param warmups runs whose results are thrown away, so the JIT compiles the hot path first
 * @param iterations measured runs; the table shows their median
 */
public record Plan(int messageSize, int messages, int rounds, Duration budget, int warmups, int iterations) {

    /** The size of the end-of-run marker message; anything else must be {@link #messageSize}. */
    public static final int MARKER_SIZE = 1;

    /** Checks the values. */
    public Plan {
        if (messageSize <= MARKER_SIZE || messageSize > 65536) {
            throw new IllegalArgumentException("message size " + messageSize + " must be between 2 and 65536");
        }
        if (messages < 0 || rounds < 0 || messages + rounds == 0 || warmups < 0 || iterations < 1
                || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("messages " + messages + ", rounds " + rounds + ", iterations "
                    + iterations + ", budget " + budget + ": messages and rounds must be 0 or more and not both 0,"
                    + " iterations and the budget positive");
        }
    }

    /** Returns the budget in nanoseconds. */
    public long budgetNanos() {
        return budget.toNanos();
    }
}
