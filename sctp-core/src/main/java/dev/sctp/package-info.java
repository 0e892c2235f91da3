/**
 * Linux kernel SCTP for the JVM: one-to-one and one-to-many sockets, multi-homed addresses, notifications and
 * socket options, called through JNA.
 */
@org.jspecify.annotations.NullMarked
package dev.sctp;
