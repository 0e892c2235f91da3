/**
 * A Spring Boot application that uses the SCTP starter: a listener that answers in upper case, and a client that
 * sends to it periodically and on demand.
 */
@NullMarked
package dev.sctp.demo;

import org.jspecify.annotations.NullMarked;
