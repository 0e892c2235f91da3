package dev.sctp.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How {@link ExternalPeer} starts its programs (no SCTP needed). */
class ExternalPeerTest {

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    @Test
    void python3PeersRunTheInterpreterBinaryItselfAndNotAShimScript() throws Exception {
        try (ExternalPeer peer = ExternalPeer.start("python3", "-S", "-E", "-c", "import sys; print(sys.executable)")) {
            String printed = peer.awaitOutput(out -> out.endsWith("\n"), Duration.ofMinutes(3)).trim();
            Path program = Path.of(peer.program());
            assertThat(program).isAbsolute();
            // a version manager's shim is a script ("#!..."); the interpreter is an ELF binary
            byte[] head;
            try (InputStream in = Files.newInputStream(program.toRealPath())) {
                head = in.readNBytes(ELF_MAGIC.length);
            }
            assertThat(head).as("first bytes of %s", program.toRealPath()).isEqualTo(ELF_MAGIC);
            assertThat(program.toRealPath()).isEqualTo(Path.of(printed).toRealPath());
        }
    }
}
