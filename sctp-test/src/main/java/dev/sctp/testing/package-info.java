/**
 * Test support for applications that use kernel SCTP: {@link dev.sctp.testing.RequiresKernelSctp} and
 * {@link dev.sctp.testing.SctpAwait}.
 */
@NullMarked
package dev.sctp.testing;

import org.jspecify.annotations.NullMarked;
