/**
 * Immutable Java types for the SCTP notifications of RFC 6458 section 6.1, as the Linux kernel delivers them.
 */
@org.jspecify.annotations.NullMarked
package dev.sctp.notification;
