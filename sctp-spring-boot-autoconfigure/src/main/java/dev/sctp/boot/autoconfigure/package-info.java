/**
 * Spring Boot auto-configuration of SCTP listeners and clients: properties under {@code sctp.*}, association
 * factories, inbound and outbound channel adapters and their channels, and graceful shutdown.
 */
@NullMarked
package dev.sctp.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
