package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.ReceiveInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds the cmsg decoder 1,000,000 seeded random and mutated control buffers. It must never throw and never report a
 * RCVINFO outside the control region. The seed is printed; replay a failure with {@code -Dsctp.fuzz.seed=N}.
 */
class ControlMessagesFuzzTest {

    private static final int ROUNDS = 1_000_000;
    private static final int START = 128; // as in ReceivePath: the control buffer sits behind the msghdr and iovec
    private static final int CAPACITY = 256;

    /**
     * What the kernel writes for a message with SCTP_RECVRCVINFO and SCTP_RECVNXTINFO on (put_cmsg in
     * sctp_ulpevent_read_rcvinfo/read_nxtinfo): RCVINFO with cmsg_len 44 (CMSG_LEN of its 28 bytes), then, at the
     * CMSG_ALIGNed offset 48, NXTINFO with cmsg_len 32.
     */
    private static ByteBuffer kernelControl() {
        ByteBuffer b = ByteBuffer.allocate(START + CAPACITY).order(ByteOrder.nativeOrder());
        int at = START;
        b.putLong(at, 44).putInt(at + 8, 132).putInt(at + 12, 3);
        b.putShort(at + 16, (short) 7).putShort(at + 18, (short) 2).putShort(at + 20, (short) 0)
                .putInt(at + 24, Integer.reverseBytes(46)).putInt(at + 28, 1000).putInt(at + 32, 999)
                .putInt(at + 36, 5).putInt(at + 40, 12);
        at += 48;
        b.putLong(at, 32).putInt(at + 8, 132).putInt(at + 12, 4);
        b.putShort(at + 16, (short) 1).putShort(at + 18, (short) 0).putInt(at + 20, Integer.reverseBytes(9))
                .putInt(at + 24, 64).putInt(at + 28, 12);
        return b;
    }

    @Test
    void theKernelsRcvInfoIsDecoded() {
        ReceiveInfo info = new ReceiveInfo();
        ControlMessages.decodeData(kernelControl(), START, 80, CAPACITY, 10, true, info);
        assertThat(info.streamId()).isEqualTo(7);
        assertThat(info.ssn()).isEqualTo(2);
        assertThat(info.ppid()).isEqualTo(46);
        assertThat(info.tsn()).isEqualTo(1000);
        assertThat(info.context()).isEqualTo(5);
        assertThat(info.associationId()).isEqualTo(12);
        // a controllen that cuts the RCVINFO short hides it
        ControlMessages.decodeData(kernelControl(), START, 43, CAPACITY, 10, true, info);
        assertThat(info.streamId()).isZero();
        assertThat(info.ppid()).isZero();
    }

    @Test
    void aMillionRandomAndMutatedControlBuffersNeverThrowNorPointOutsideTheRegion() {
        long seed = Long.getLong("sctp.fuzz.seed", System.nanoTime());
        System.out.println("ControlMessagesFuzzTest seed " + seed + " (replay with -Dsctp.fuzz.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer original = kernelControl();
        ByteBuffer b = ByteBuffer.allocate(original.capacity()).order(ByteOrder.nativeOrder());
        ReceiveInfo info = new ReceiveInfo();
        int found = 0;
        for (int round = 0; round < ROUNDS; round++) {
            b.put(0, original, 0, original.capacity());
            long controlLength = mutate(random, b);
            int r = ControlMessages.findRcvInfo(b, START, controlLength, CAPACITY);
            if (r >= 0) {
                found++;
                assertThat(r).as("round %d of seed %d", round, seed).isBetween(START + 16, START + CAPACITY - 28);
                assertThat(b.getLong(r - 16)).as("cmsg_len of round %d of seed %d", round, seed)
                        .isBetween(44L, (long) START + CAPACITY - (r - 16));
            }
            ControlMessages.decodeData(b, START, controlLength, CAPACITY, 1, true, info);
        }
        // the mutations keep enough inputs valid that the decoder's success path is fuzzed too
        assertThat(found).isGreaterThan(ROUNDS / 20);
    }

    /** Mutates the control region of {@code b} and returns a msg_controllen to go with it. */
    private static long mutate(SplittableRandom random, ByteBuffer b) {
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> { // random bytes everywhere
                for (int i = START; i < START + CAPACITY; i++) {
                    b.put(i, (byte) random.nextInt(256));
                }
            }
            case 1 -> { // flip a few bits
                for (int i = random.nextInt(1, 8); i > 0; i--) {
                    int at = START + random.nextInt(CAPACITY);
                    b.put(at, (byte) (b.get(at) ^ (1 << random.nextInt(8))));
                }
            }
            case 2 -> { // a hostile cmsg_len in the first or second header
                int at = START + (random.nextBoolean() ? 0 : 48);
                long[] lengths = {0, 1, 15, 16, 43, 44, 45, 48, 49, 255, 256, 257, Integer.MAX_VALUE, -1,
                    Long.MIN_VALUE, Long.MAX_VALUE, 0x1_0000_0010L};
                b.putLong(at, random.nextBoolean() ? lengths[random.nextInt(lengths.length)] : random.nextLong());
            }
            case 3 -> { // other levels and types
                b.putInt(START + 8, random.nextInt(4) == 0 ? 132 : random.nextInt());
                b.putInt(START + 12, random.nextInt(8));
            }
            case 4 -> { // a chain of small cmsgs ending anywhere
                int at = START;
                while (at + 16 <= START + CAPACITY) {
                    long len = random.nextInt(16, 64);
                    b.putLong(at, len).putInt(at + 8, 132).putInt(at + 12, random.nextInt(6));
                    at += (int) ((len + 7) & ~7L);
                }
            }
            default -> {
                // the kernel's bytes, only the length varies
            }
        }
        return switch (random.nextInt(5)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(-16, CAPACITY + 64);
            case 2 -> CAPACITY;
            default -> 80;
        };
    }
}
