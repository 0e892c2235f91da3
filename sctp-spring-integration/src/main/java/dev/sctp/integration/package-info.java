/**
 * Spring Integration support for SCTP: association factories, channel adapters, gateways, events and a Java DSL.
 */
@NullMarked
package dev.sctp.integration;

import org.jspecify.annotations.NullMarked;
