/** Ahead-of-time processing and native images: the runtime hints of sctp-core's JNA binding. */
@NullMarked
package dev.sctp.boot.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
