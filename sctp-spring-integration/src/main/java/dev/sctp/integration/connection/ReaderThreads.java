package dev.sctp.integration.connection;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Starts the threads that block for a long time: one reader per association and a server's acceptor. They never run
 * on the factory's task executor, since each holds its thread for the association's whole life: on a bounded
 * executor (like Spring Boot's default of 8 threads) the associations beyond its size would never be read, nor
 * would any delivery run. On Java 21 and later they are virtual threads, so a server with thousands of
 * associations does not hold thousands of platform threads; on Java 17 they are daemon platform threads.
 */
final class ReaderThreads {

    /** {@code Thread.ofVirtual().name(prefix, 0).factory()}, looked up because the module targets Java 17. */
    private static final @Nullable MethodHandle VIRTUAL_FACTORY = virtualFactory();

    private ReaderThreads() {
    }

    /** Returns whether readers run on virtual threads on this JVM. */
    static boolean virtual() {
        return VIRTUAL_FACTORY != null;
    }

    /** Returns a factory of reader threads named {@code prefix} and a number. */
    static ThreadFactory factory(String prefix) {
        if (VIRTUAL_FACTORY != null) {
            try {
                return (ThreadFactory) VIRTUAL_FACTORY.invoke(prefix);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot create virtual reader threads", e);
            }
        }
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static @Nullable MethodHandle virtualFactory() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(ofVirtual, "name",
                    MethodType.methodType(ofVirtual, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            // prefix -> Thread.ofVirtual().name(prefix, 1).factory()
            MethodHandle named = MethodHandles.insertArguments(name, 2, 1L);
            MethodHandle withBuilder = MethodHandles.collectArguments(named, 0, create);
            return MethodHandles.filterReturnValue(withBuilder,
                    factory.asType(MethodType.methodType(ThreadFactory.class, ofVirtual)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17..20: platform threads
        }
    }
}
