package dev.sctp.integration.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The executor and scheduler a factory runs on while started: those it was given, or its own (a cached pool of
 * daemon threads, a one-thread scheduler), which it shuts down on stop. Used under the factory's lifecycle lock.
 */
final class FactoryThreads {

    private @Nullable ExecutorService privateExecutor;
    private @Nullable ThreadPoolTaskScheduler privateScheduler;
    private @Nullable ScheduledFuture<?> idleCheck;

    /** Returns {@code configured}, or a cached pool of daemon threads named after the factory. */
    Executor executor(@Nullable Executor configured, String name) {
        if (configured != null) {
            return configured;
        }
        ExecutorService pool = Executors.newCachedThreadPool(daemonThreads(name + "-"));
        privateExecutor = pool;
        return pool;
    }

    /**
     * Returns the integration TaskScheduler ({@code shared}) or, for a factory used without a context, a one-thread
     * scheduler of its own.
     */
    TaskScheduler scheduler(@Nullable TaskScheduler shared, String name) {
        if (shared != null) {
            return shared;
        }
        ThreadPoolTaskScheduler own = new ThreadPoolTaskScheduler();
        own.setPoolSize(1);
        own.setDaemon(true);
        own.setThreadNamePrefix(name + "-timer-");
        own.initialize();
        privateScheduler = own;
        return own;
    }

    /** Remembers the idle check, to cancel it on shutdown. */
    void idleCheck(ScheduledFuture<?> check) {
        idleCheck = check;
    }

    /** Cancels the idle check and shuts down what the factory made itself. */
    void shutdown() {
        ScheduledFuture<?> check = idleCheck;
        if (check != null) {
            check.cancel(false);
            idleCheck = null;
        }
        ThreadPoolTaskScheduler own = privateScheduler;
        if (own != null) {
            own.shutdown();
            privateScheduler = null;
        }
        ExecutorService pool = privateExecutor;
        if (pool != null) {
            pool.shutdown();
            privateExecutor = null;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
