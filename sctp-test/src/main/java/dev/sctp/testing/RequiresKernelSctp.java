package dev.sctp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that needs kernel SCTP. Where the kernel lacks it, each test of the class fails at once
 * with the reason and the fix (load the {@code sctp} module), instead of failing later with an obscure socket error.
 * It never skips: a CI job without SCTP must not pass by running nothing.
 *
 * <pre>{@code
 * @RequiresKernelSctp
 * class DiameterPeerTest { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelSctpCondition.class)
public @interface RequiresKernelSctp {
}
