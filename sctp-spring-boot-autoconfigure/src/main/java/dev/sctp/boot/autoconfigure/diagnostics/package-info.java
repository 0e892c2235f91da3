/** Failure analyzers: start-up failures of SCTP listeners and clients reported as Boot's failure analyses. */
@NullMarked
package dev.sctp.boot.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
