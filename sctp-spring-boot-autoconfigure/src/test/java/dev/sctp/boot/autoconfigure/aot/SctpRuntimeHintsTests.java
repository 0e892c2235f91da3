package dev.sctp.boot.autoconfigure.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The runtime hints cover what JNA reaches reflectively, and name classes and resources that exist: a rename in
 * sctp-core or a JNA upgrade that moves its library fails here, not in a native image.
 */
class SctpRuntimeHintsTests {

    @Test
    void hintsCoverTheDirectMappedClassAndJnasNativeLibrary() throws Exception {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(SctpRuntimeHints.class);
        RuntimeHints hints = new RuntimeHints();
        new SctpRuntimeHints().registerHints(hints, getClass().getClassLoader());

        Class<?> libc = Class.forName(SctpRuntimeHints.LIBC);
        Method socket = Arrays.stream(libc.getDeclaredMethods()).filter(m -> Modifier.isNative(m.getModifiers()))
                .findFirst().orElseThrow(() -> new AssertionError("no native method in " + libc));
        assertThat(socket.getDeclaringClass()).isSameAs(libc);
        TypeHint reflection = hints.reflection().getTypeHint(TypeReference.of(libc));
        assertThat(reflection).as("reflection hint of %s", libc).isNotNull();
        assertThat(reflection.getMemberCategories()).contains(MemberCategory.INVOKE_DECLARED_METHODS);
        TypeHint jni = hints.jni().getTypeHint(TypeReference.of(libc));
        assertThat(jni).as("JNI hint of %s", libc).isNotNull();
        assertThat(jni.getMemberCategories()).contains(MemberCategory.INVOKE_DECLARED_METHODS);

        assertThat(getClass().getClassLoader().getResource(SctpRuntimeHints.JNIDISPATCH)).isNotNull();
        assertThat(RuntimeHintsPredicates.resource().forResource(SctpRuntimeHints.JNIDISPATCH)).accepts(hints);
    }
}
