/**
 * Header names and the header mapper that turns SCTP receive information into message headers and message headers
 * into send information.
 */
@NullMarked
package dev.sctp.integration.support;

import org.jspecify.annotations.NullMarked;
