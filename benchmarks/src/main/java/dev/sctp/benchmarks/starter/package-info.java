/** The Spring Boot application of the starter contender: a listener, a {@code @ServiceActivator} and a client. */
@NullMarked
package dev.sctp.benchmarks.starter;

import org.jspecify.annotations.NullMarked;
