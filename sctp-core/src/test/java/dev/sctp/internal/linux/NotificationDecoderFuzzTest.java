package dev.sctp.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sctp.notification.SctpNotification;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds {@link NotificationDecoder#decode} a million seeded inputs: the notification fixtures of every type
 * (notifications/x86_64-linux.hex, built from the kernel's struct layouts) mutated byte by byte, at the header fields
 * and in length, spliced together, and plain random bytes. The only failure the decoder documents for a range inside
 * the buffer is {@link IllegalStateException}; anything else fails the test with the seed, the iteration and the
 * input. A decoded notification must also not depend on anything outside {@code [offset, offset + sn_length)}.
 *
 * <p>Replay a failure with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.iterations=<n>} changes the count.
 */
class NotificationDecoderFuzzTest {

    private static final int[] TYPES = {
        0x8001, 0x8002, 0x8003, 0x8004, 0x8005, 0x8006, 0x8007, 0x8008, 0x8009, 0x800a, 0x800b, 0x800c, 0x800d,
    };
    private static final long[] INTERESTING = {
        0, 1, 2, 7, 8, 12, 16, 20, 24, 28, 32, 48, 127, 128, 148, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x7fffffffL, 0x80000000L, 0xffffffffL,
    };

    @Test
    void mutatedKernelNotificationsDecodeOrFailOnlyWithIllegalState() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int iterations = Integer.getInteger("fuzz.iterations", 1_000_000);
        System.out.println("NotificationDecoderFuzzTest seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> corpus = new ArrayList<>(NotificationBytes.FIXTURES.values());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(TYPES.length);
        ByteBuffer heap = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        ByteBuffer direct = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
        long start = System.nanoTime();
        byte[] noise = new byte[3 * 4096];
        random.nextBytes(noise);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] input = random.nextInt(20) == 0 ? randomBytes(random) : mutate(random, corpus);
            ByteBuffer buf = random.nextBoolean() ? heap : direct;
            int offset = random.nextInt(64);
            buf.clear();
            // Noise around the input: a read outside the range would see it and decode differently from below.
            buf.put(0, noise, random.nextInt(noise.length - 4096), offset + input.length + 64);
            buf.put(offset, input);
            buf.limit(offset + input.length);
            SctpNotification result;
            try {
                result = NotificationDecoder.decode(buf, offset, input.length);
            } catch (IllegalStateException documented) {
                refused++;
                continue;
            } catch (Throwable e) {
                throw new AssertionError(failure(seed, i, input, "threw " + e), e);
            }
            decoded++;
            if (result == null) {
                throw new AssertionError(failure(seed, i, input, "returned null"));
            }
            int type = (input[0] & 0xff) | (input[1] & 0xff) << 8;
            int snLength = (int) ((input[4] & 0xffL) | (input[5] & 0xffL) << 8 | (input[6] & 0xffL) << 16
                    | (input[7] & 0xffL) << 24);
            if (result.type().code() != type) {
                throw new AssertionError(failure(seed, i, input, "decoded as " + result.type() + ": " + result));
            }
            if (buf.position() != 0 || buf.limit() != offset + input.length) {
                throw new AssertionError(failure(seed, i, input, "moved the buffer's position or limit"));
            }
            // The same notification alone, in a buffer of exactly sn_length bytes: bytes past sn_length and
            // outside the range must not matter.
            byte[] exact = java.util.Arrays.copyOf(input, snLength);
            SctpNotification alone;
            try {
                alone = NotificationDecoder.decode(ByteBuffer.wrap(exact).order(ByteOrder.nativeOrder()), 0,
                        exact.length);
            } catch (Throwable e) {
                throw new AssertionError(failure(seed, i, input, "decoded with trailing bytes (" + result
                        + ") but not alone: " + e), e);
            }
            if (!alone.equals(result)) {
                throw new AssertionError(failure(seed, i, input, "depends on bytes outside sn_length: " + result
                        + " vs " + alone));
            }
        }
        System.out.println("NotificationDecoderFuzzTest: " + iterations + " inputs, " + decoded + " decoded, "
                + refused + " refused with IllegalStateException, in " + (System.nanoTime() - start) / 1_000_000
                + " ms");
        // A mutator that only ever produced garbage, or only valid input, would test little.
        assertThat(decoded).as("inputs that decoded").isGreaterThan(iterations / 10);
        assertThat(refused).as("inputs refused").isGreaterThan(iterations / 10);
    }

    private static String failure(long seed, int iteration, byte[] input, String what) {
        return "seed " + seed + ", iteration " + iteration + ": decoding " + HexFormat.of().formatHex(input) + " "
                + what + "; replay with -Dfuzz.seed=" + seed;
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length >= 2 && random.nextBoolean()) {
            // a known type, so the random body reaches the per-type decoders
            int type = TYPES[random.nextInt(TYPES.length)];
            bytes[0] = (byte) type;
            bytes[1] = (byte) (type >>> 8);
        }
        return bytes;
    }

    private static byte[] mutate(SplittableRandom random, List<byte[]> corpus) {
        byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(9)) {
                case 0 -> { // flip a bit
                    if (input.length > 0) {
                        int at = random.nextInt(input.length);
                        input[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> { // a random byte
                    if (input.length > 0) {
                        input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> input = putLe(input, 4, INTERESTING[random.nextInt(INTERESTING.length)], 4); // sn_length
                case 3 -> input = putLe(input, 0, TYPES[random.nextInt(TYPES.length)], 2); // sn_type
                case 4 -> { // an interesting 16- or 32-bit value at an aligned field
                    int width = random.nextBoolean() ? 2 : 4;
                    if (input.length >= width) {
                        int at = random.nextInt(input.length / width) * width;
                        input = putLe(input, at, INTERESTING[random.nextInt(INTERESTING.length)], width);
                    }
                }
                case 5 -> input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1)); // truncate
                case 6 -> { // extend with random bytes
                    int from = input.length;
                    input = java.util.Arrays.copyOf(input, from + 1 + random.nextInt(64));
                    for (int j = from; j < input.length; j++) {
                        input[j] = (byte) random.nextInt(256);
                    }
                }
                case 7 -> { // splice the tail of another fixture
                    byte[] other = corpus.get(random.nextInt(corpus.size()));
                    int cut = random.nextInt(input.length + 1);
                    int from = random.nextInt(other.length + 1);
                    byte[] spliced = java.util.Arrays.copyOf(input, cut + other.length - from);
                    System.arraycopy(other, from, spliced, cut, other.length - from);
                    input = spliced;
                }
                default -> { // sn_length equal to the bytes there, so the body mutations are decoded
                    input = putLe(input, 4, input.length, 4);
                }
            }
        }
        return input;
    }

    private static byte[] putLe(byte[] input, int at, long value, int width) {
        if (input.length < at + width) {
            return input;
        }
        for (int j = 0; j < width; j++) {
            input[at + j] = (byte) (value >>> (8 * j));
        }
        return input;
    }
}
