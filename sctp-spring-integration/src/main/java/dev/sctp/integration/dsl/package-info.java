/**
 * The Java DSL for SCTP: the {@link dev.sctp.integration.dsl.Sctp} factory class and its specs.
 */
@NullMarked
package dev.sctp.integration.dsl;

import org.jspecify.annotations.NullMarked;
