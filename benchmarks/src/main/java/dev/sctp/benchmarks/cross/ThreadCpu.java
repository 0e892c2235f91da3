package dev.sctp.benchmarks.cross;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process's CPU time (utime + stime, /proc/PID/task/TID/stat) split by thread class, so that a per-message figure
 * can tell the receive path from the JIT compiling it: under the VM's emulated CPU a compiler thread can cost more
 * than the code it compiles.
 *
 * <p>Classes by the thread's name (comm, 15 characters at most; HotSpot names its native threads): the application
 * threads carry the process's own name (the C peer's only thread; the JVM's launcher thread and the {@code main}
 * thread it starts, where the peer's loop runs), {@code sctp-poller-*} is the library's poller, {@code C1/C2
 * CompilerThre*} the JIT, the GC's threads ({@code GC Thread#*}, {@code G1 *}, ...) GC; everything else (VM thread,
 * signal dispatcher, ...) is other. The classes are read before and after a run and only their rise counts; a thread
 * that exits during a run drops out of its class (its time stays in the process's figure).
 *
 * @param app nanoseconds of the application threads
 * @param poller nanoseconds of the library's poller threads
 * @param jit nanoseconds of the JIT compiler threads
 * @param gc nanoseconds of the garbage collector's threads
 * @param other nanoseconds of all other threads
 */
public record ThreadCpu(long app, long poller, long jit, long gc, long other) {

    /** Reads every thread of process {@code pid}; a thread that exits while being read is left out. */
    public static ThreadCpu of(long pid) {
        String processName = name(stat(Path.of("/proc", Long.toString(pid), "stat")));
        long[] sum = new long[5];
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat = stat(task.resolve("stat"));
                if (stat.isEmpty()) {
                    continue;
                }
                sum[classOf(name(stat), processName)] += ProcStats.cpuNanos(stat);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid + " in /proc/" + pid
                    + "/task: has it exited?", e);
        }
        return new ThreadCpu(sum[0], sum[1], sum[2], sum[3], sum[4]);
    }

    /** The class index of a thread named {@code comm} in a process named {@code processName}. */
    static int classOf(String comm, String processName) {
        if (comm.equals(processName) || comm.equals("main")) {
            return 0;
        }
        if (comm.startsWith("sctp-poller")) {
            return 1;
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return 2;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("Parallel GC")
                || comm.startsWith("ZGC") || comm.startsWith("Shenandoah")) {
            return 3;
        }
        return 4;
    }

    private static String name(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open < 0 || close < open ? "?" : stat.substring(open + 1, close);
    }

    private static String stat(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            if (file.getParent() != null && !Files.exists(file.getParent())) {
                return ""; // the thread exited between listing and reading
            }
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Returns this reading minus an earlier one: the CPU each class used in between. */
    public ThreadCpu minus(ThreadCpu before) {
        return new ThreadCpu(app - before.app, poller - before.poller, jit - before.jit, gc - before.gc,
                other - before.other);
    }

    /** Returns the total of all classes. */
    public long total() {
        return app + poller + jit + gc + other;
    }

    /** Returns {@code nanos} as microseconds per message of {@code messages}. */
    static double perMessage(long nanos, long messages) {
        return messages == 0 ? Double.NaN : nanos / 1e3 / messages;
    }
}
