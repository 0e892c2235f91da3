/**
 * Health contributors of SCTP listeners and clients, and of the kernel's SCTP support.
 */
@NullMarked
package dev.sctp.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
