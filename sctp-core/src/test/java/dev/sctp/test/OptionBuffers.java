package dev.sctp.test;

import dev.sctp.SctpServerSocket;
import dev.sctp.internal.linux.NativeBuffer;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Reads the native option buffer a listener passes to setsockopt, so tests can check that no secret (an SCTP-AUTH
 * key) stays in native memory after the call. Both hops are private fields, {@code SctpServerSocket.socket} and
 * {@code LinuxSctpSocket.options}, with no accessor the production code needs, so they are read reflectively here
 * (the tests run on the class path, where that is allowed).
 */
public final class OptionBuffers {

    private OptionBuffers() {
    }

    /** Returns the native-order view of {@code server}'s option buffer; read it with absolute gets only. */
    public static ByteBuffer of(SctpServerSocket server) {
        Object linux = read(server, "socket");
        return ((NativeBuffer) read(linux, "options")).buffer();
    }

    private static Object read(Object owner, String name) {
        try {
            Field field = owner.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getClass().getName() + " has no field " + name
                    + " any more: update OptionBuffers to reach the option buffer", e);
        }
    }
}
