/**
 * Outbound SCTP endpoints: the sending message handler and the outbound gateway with per-stream reply correlation.
 */
@NullMarked
package dev.sctp.integration.outbound;

import org.jspecify.annotations.NullMarked;
