/**
 * Micrometer metrics of SCTP association factories: associations, messages, bytes, send failures, retransmissions
 * and polled association status.
 */
@NullMarked
package dev.sctp.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
