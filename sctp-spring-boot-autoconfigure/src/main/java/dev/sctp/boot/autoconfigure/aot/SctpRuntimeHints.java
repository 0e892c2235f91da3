package dev.sctp.boot.autoconfigure.aot;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs for sctp-core's JNA binding: JNA's native dispatch library for Linux x86_64 (the only
 * platform sctp-core supports) as a resource, and reflective and JNI access to the methods of the class that JNA
 * binds by direct mapping ({@code Native.register} reads its native methods reflectively and binds them through
 * JNI). The binding passes only {@code int} and {@code long}, so no JNA structure needs hints.
 */
public final class SctpRuntimeHints implements RuntimeHintsRegistrar {

    /** The class sctp-core binds with {@code Native.register}. */
    static final String LIBC = "dev.sctp.internal.linux.LibC";

    /** JNA's native library for the one platform sctp-core supports. */
    static final String JNIDISPATCH = "com/sun/jna/linux-x86-64/libjnidispatch.so";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(JNIDISPATCH);
        TypeReference libc = TypeReference.of(LIBC);
        hints.reflection().registerType(libc, MemberCategory.INVOKE_DECLARED_METHODS);
        hints.jni().registerType(libc, MemberCategory.INVOKE_DECLARED_METHODS);
    }
}
