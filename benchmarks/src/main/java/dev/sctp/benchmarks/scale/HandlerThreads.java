package dev.sctp.benchmarks.scale;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts the core server's per-association handlers: virtual threads on Java 21 and later (looked up, since the
 * module targets Java 17), platform daemon threads before, which is what a blocking server on Java 17 has to do.
 */
final class HandlerThreads {

    /** {@code Thread.ofVirtual().factory()}, or null before Java 21. */
    private static final java.util.concurrent.ThreadFactory VIRTUAL = virtualFactory();
    /** "virtual" or "platform-thread". */
    static final String KIND = VIRTUAL != null ? "virtual-thread" : "platform-thread";

    private HandlerThreads() {
    }

    static void start(Runnable task) {
        Thread t;
        if (VIRTUAL != null) {
            t = VIRTUAL.newThread(task);
        } else {
            t = new Thread(task, "scale-handler");
            t.setDaemon(true);
        }
        t.start();
    }

    private static java.util.concurrent.ThreadFactory virtualFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
            MethodHandle factory = lookup.findVirtual(builder, "factory",
                    MethodType.methodType(java.util.concurrent.ThreadFactory.class));
            return (java.util.concurrent.ThreadFactory) factory.invoke(ofVirtual.invoke());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null; // Java 17..20
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create virtual threads", e);
        }
    }
}
