/**
 * Inbound SCTP endpoints: the receiving channel adapter and the inbound gateway.
 */
@NullMarked
package dev.sctp.integration.inbound;

import org.jspecify.annotations.NullMarked;
