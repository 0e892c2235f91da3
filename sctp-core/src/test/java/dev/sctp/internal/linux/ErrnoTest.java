package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.SctpAssociationAbortedException;
import dev.sctp.SctpException;
import dev.sctp.SctpUnavailableException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The errno numbers, checked against {@code <errno.h>} compiled on this machine ({@link HeaderProbe}), and the one
 * errno-to-exception table, a row at a time. Needs no kernel SCTP.
 */
class ErrnoTest {

    static Stream<Arguments> errnoConstants() {
        return HeaderProbe.intFieldsOf(Errno.class).stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("errnoConstants")
    void errnoConstantMatchesErrnoH(String name, int javaValue) throws Exception {
        Map<String, Long> header = HeaderProbe.values();
        assertThat(header.get(name)).as("layouts.c prints " + name + " (add a JK(Errno, ...) line for it)")
                .isNotNull();
        assertThat(header.get(name)).as(name + " in <errno.h>").isEqualTo((long) javaValue);
    }

    @Test
    void namesComeFromTheConstantsTheHeaderConfirms() throws Exception {
        Map<String, Long> header = HeaderProbe.values();
        for (Arguments a : errnoConstants().toList()) {
            String field = ((String) a.get()[0]).substring("Errno.".length());
            assertThat(Errno.name(header.get("Errno." + field).intValue())).isEqualTo(field);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "EADDRINUSE, java.net.BindException",
        "EADDRNOTAVAIL, java.net.BindException",
        "ECONNREFUSED, java.net.ConnectException",
        "ETIMEDOUT, dev.sctp.SctpAssociationAbortedException",
        "EHOSTUNREACH, java.net.NoRouteToHostException",
        "ENETUNREACH, java.net.NoRouteToHostException",
        "ECONNRESET, dev.sctp.SctpAssociationAbortedException",
        "EPIPE, dev.sctp.SctpAssociationAbortedException",
        "ECONNABORTED, dev.sctp.SctpAssociationAbortedException",
        "EBADF, java.nio.channels.ClosedChannelException",
        "EPROTONOSUPPORT, dev.sctp.SctpUnavailableException",
        "ESOCKTNOSUPPORT, dev.sctp.SctpUnavailableException",
        "EINVAL, dev.sctp.SctpException",
        "ENOPROTOOPT, dev.sctp.SctpException",
    })
    void mapsEachErrnoToItsStandardException(String name, String type) throws Exception {
        int errno = Errno.class.getField(name).getInt(null);
        IOException e = Errno.toException("connect to 127.0.0.1:9", errno);
        assertThat(e).isExactlyInstanceOf(Class.forName(type));
        if (!(e instanceof ClosedChannelException)) {
            assertThat(e.getMessage()).startsWith("connect to 127.0.0.1:9 failed: " + name + " (");
        }
    }

    @Test
    void sctpExceptionsCarryTheCallAndTheErrno() {
        SctpException e = (SctpException) Errno.toException("setsockopt(SCTP_RTOINFO)", Errno.EINVAL);
        assertThat(e.operation()).isEqualTo("setsockopt(SCTP_RTOINFO)");
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e).hasMessage("setsockopt(SCTP_RTOINFO) failed: EINVAL (Invalid argument)");
    }

    @Test
    void missingKernelSctpSaysHowToFixIt() {
        IOException e = Errno.toException("socket", Errno.EPROTONOSUPPORT);
        assertThat(e).isInstanceOf(SctpUnavailableException.class)
                .hasMessageContaining("modprobe sctp")
                .hasMessageContaining("/etc/modprobe.d")
                .hasMessageNotContaining("scripts/");
        assertThat(((SctpUnavailableException) e).errno()).isEqualTo(Errno.EPROTONOSUPPORT);
    }

    @Test
    void abortedAssociationsSaySo() {
        assertThat(Errno.toException("sendmsg", Errno.EPIPE))
                .isInstanceOf(SctpAssociationAbortedException.class)
                .hasMessageContaining("aborted");
    }

    @Test
    void unknownErrnoStillNamesTheNumber() {
        assertThat(Errno.name(4000)).isEqualTo("errno 4000");
        assertThat(Errno.name(Errno.EAGAIN)).isEqualTo("EAGAIN");
    }

    @Test
    void standardTypesAreTheOnesUsersCatch() {
        assertThat(Errno.toException("bind", Errno.EADDRINUSE)).isInstanceOf(BindException.class);
        assertThat(Errno.toException("connect", Errno.ECONNREFUSED)).isInstanceOf(ConnectException.class);
        // the kernel's ETIMEDOUT means the association failed, never a timeout that leaves the socket usable
        assertThat(Errno.toException("sendmsg", Errno.ETIMEDOUT)).isNotInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("retransmissions ran out");
        assertThat(Errno.toException("connect", Errno.EHOSTUNREACH)).isInstanceOf(NoRouteToHostException.class);
    }
}
