/**
 * Helpers for tests that use SCTP association factories: waiting for a listener and for associations.
 */
@NullMarked
package dev.sctp.integration.test;

import org.jspecify.annotations.NullMarked;
