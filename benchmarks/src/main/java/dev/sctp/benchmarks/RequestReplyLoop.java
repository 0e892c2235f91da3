package dev.sctp.benchmarks;

/**
 * The timed ping-pong of the contenders whose round trip is one blocking request/reply call (the Spring paths):
 * warm-up runs, then measured runs, each a loop of round trips with every one timed, and the process's CPU time and
 * heap allocation over the loop.
 *
 * <p>{@link BlockingContender} keeps its own loop: its round trip is a send and a receive on two threads of the
 * library, and the echoing thread's allocation counts too.
 */
final class RequestReplyLoop {

    /** One round trip; throws if the reply is missing or differs from the request. */
    @FunctionalInterface
    interface RoundTrip {
        /** Sends a request and waits for its reply; {@code round} counts from 0, for the error message. */
        void exchange(int round);
    }

    private RequestReplyLoop() {
    }

    /** Runs {@code plan.warmups()} unrecorded runs, then {@code plan.iterations()} recorded ones. */
    static Results measure(Plan plan, RoundTrip roundTrip) {
        Results results = new Results();
        for (int i = 0; i < plan.warmups() + plan.iterations(); i++) {
            Results.PingPong run = time(plan, roundTrip);
            if (i >= plan.warmups()) {
                results.add(run);
            }
        }
        return results;
    }

    /** One run: round trips until {@code plan.rounds()} or the plan's budget, whichever comes first. */
    static Results.PingPong time(Plan plan, RoundTrip roundTrip) {
        long[] rtt = new long[plan.rounds()]; // once per run, so the loop itself allocates nothing
        long cpu = Results.processCpuNanos();
        // inside the CPU window, so that reading the CPU time is not counted as allocation
        AllocationMeter allocation = AllocationMeter.start();
        long start = System.nanoTime();
        long deadline = start + plan.budgetNanos();
        long t = start;
        int rounds = 0;
        while (rounds < plan.rounds()) {
            roundTrip.exchange(rounds);
            long now = System.nanoTime();
            rtt[rounds++] = now - t;
            t = now;
            if (now > deadline) {
                break;
            }
        }
        long allocated = AllocationMeter.stop(allocation, 0);
        cpu = cpu < 0 ? -1 : Results.processCpuNanos() - cpu;
        return Results.PingPong.of(rtt, rounds, t - start, cpu, allocated);
    }
}
