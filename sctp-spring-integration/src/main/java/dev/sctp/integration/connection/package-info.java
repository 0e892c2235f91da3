/**
 * SCTP association factories (server and client), the association wrapper with its reader loop, per-stream dispatch
 * and bounded sends, and the listener and observer callbacks.
 */
@NullMarked
package dev.sctp.integration.connection;

import org.jspecify.annotations.NullMarked;
