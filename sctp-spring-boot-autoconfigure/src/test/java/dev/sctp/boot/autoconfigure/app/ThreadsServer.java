package dev.sctp.boot.autoconfigure.app;

import java.lang.reflect.Method;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.integration.annotation.ServiceActivator;

/** A test application whose handler answers each request with a description of the thread that handled it. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ThreadsServer {

    /**
     * Describes the delivering thread.
     *
     * @param request ignored
     * @return {@code virtual=<true|false>}
     */
    @ServiceActivator(inputChannel = "sctpInbound")
    String handle(String request) {
        return "virtual=" + isVirtual(Thread.currentThread());
    }

    /**
     * Returns whether {@code thread} is a virtual thread; false on Java 17, which has none (the tests compile for
     * Java 17, so {@code Thread.isVirtual()} is looked up).
     *
     * @param thread the thread
     * @return whether it is virtual
     */
    public static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (Boolean) isVirtual.invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
