/**
 * A Spring Boot application that uses the SCTP starter: a multi-homed listener that answers in upper case, a
 * request/reply client for load runs and HTTP requests, and a self-test.
 */
@NullMarked
package dev.sctp.demo;

import org.jspecify.annotations.NullMarked;
