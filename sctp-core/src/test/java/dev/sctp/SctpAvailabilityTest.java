package dev.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.internal.linux.Errno;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The reasons {@link SctpAvailability} gives for refusing to run: the platform check, as a function of the
 * {@code os.name} and {@code os.arch} strings so foreign platforms can be tried without changing this JVM's
 * properties, and the errno-specific messages of a refused {@code socket(2)}.
 */
class SctpAvailabilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "x86_64", "AMD64"})
    void linuxOnX86_64IsSupported(String arch) {
        assertThat(SctpAvailability.checkPlatform("Linux", arch)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aarch64", "arm", "x86", "i386", "riscv64", "ppc64le", "s390x", "loongarch64", ""})
    void otherArchitecturesAreRefusedNamingTheOneFoundAndTheOneSupported(String arch) {
        SctpUnavailableException e = SctpAvailability.checkPlatform("Linux", arch);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("architecture '" + arch + "'", "not supported", "amd64 (x86_64)",
                "layouts");
        assertThat(e.errno()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mac OS X", "Windows 11", "FreeBSD"})
    void otherOperatingSystemsAreRefusedNamingTheOneFound(String os) {
        SctpUnavailableException e = SctpAvailability.checkPlatform(os, "amd64");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("operating system '" + os + "'", "runs only on Linux");
    }

    @Test
    void thisJvmPassesThePlatformCheck() {
        // The tests run on Linux x86_64: any other result would make every socket fail.
        assertThat(SctpAvailability.checkPlatform(System.getProperty("os.name"), System.getProperty("os.arch")))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EACCES", "EPERM", "EAFNOSUPPORT"})
    void aRefusedSocketCarriesItsOwnErrno(String name) throws Exception {
        int errno = Errno.class.getField(name).getInt(null);
        SctpUnavailableException e = Errno.unavailable("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)", errno);
        assertThat(e.errno()).isEqualTo(errno);
        assertThat(e.operation()).isEqualTo("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)");
        assertThat(e.getMessage()).startsWith("socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) failed: " + name + " (");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPROTONOSUPPORT", "ESOCKTNOSUPPORT"})
    void aKernelWithoutSctpSaysHowToLoadIt(String name) throws Exception {
        SctpUnavailableException e = Errno.unavailable("socket", Errno.class.getField(name).getInt(null));
        assertThat(e.getMessage()).contains("modprobe sctp", "/etc/modprobe.d", "modules-extra")
                .doesNotContain("scripts/", "run the tests", "JNA");
    }

    @ParameterizedTest
    @ValueSource(ints = {Errno.EACCES, Errno.EPERM})
    void aPolicyRefusingTheSocketIsNotReportedAsMissingSctpOrJna(int errno) {
        SctpUnavailableException e = Errno.unavailable("socket", errno);
        assertThat(e.getMessage()).contains("not allowed to open SCTP sockets", "seccomp", "SELinux")
                .doesNotContain("modprobe", "JNA");
    }

    @Test
    void aSocketRefusedByPolicyMapsToUnavailableButABindRefusedDoesNot() {
        assertThat(Errno.toException("socket", Errno.EACCES)).isInstanceOf(SctpUnavailableException.class);
        // EACCES from bind is a privileged port, not a missing permission for SCTP as a whole
        assertThat(Errno.toException("bindx", Errno.EACCES)).isExactlyInstanceOf(SctpException.class);
    }

    @Test
    void onlyResourceShortagesAreProbedAgain() {
        assertThat(SctpAvailability.isTransient(Errno.EMFILE)).isTrue();
        assertThat(SctpAvailability.isTransient(Errno.ENOMEM)).isTrue();
        for (int refused : new int[] {Errno.EPROTONOSUPPORT, Errno.ESOCKTNOSUPPORT, Errno.EACCES, Errno.EPERM,
            Errno.EAFNOSUPPORT, 0}) {
            assertThat(SctpAvailability.isTransient(refused)).as(Errno.name(refused)).isFalse();
        }
    }

    @Test
    void aJnaFailureSaysSoAndKeepsItsCause() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("Unable to load library 'c'");
        SctpUnavailableException e = SctpAvailability.jnaFailure(cause);
        assertThat(e).hasCause(cause);
        assertThat(e.getMessage()).contains("cannot load libc through JNA", "Unable to load library 'c'",
                "jna.tmpdir").doesNotContain("modprobe", "seccomp");
    }

    @Test
    void theFixForAMissingModuleTalksToALibraryUser() {
        assertThat(SctpUnavailableException.FIX).contains("modprobe sctp").doesNotContain("scripts/", "tests");
    }
}
