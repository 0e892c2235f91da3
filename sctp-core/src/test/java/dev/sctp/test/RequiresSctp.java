package dev.sctp.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs kernel SCTP. Where the kernel lacks it, every test of the class fails at once with
 * the reason and the fix; it never skips, because a skipped SCTP test would hide a failure in CI.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelSctpExtension.class)
public @interface RequiresSctp {
}
