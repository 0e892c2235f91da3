/**
 * Application events published by SCTP association factories: association changes, path changes, send failures,
 * idle associations and listener state.
 */
@NullMarked
package dev.sctp.integration.event;

import org.jspecify.annotations.NullMarked;
