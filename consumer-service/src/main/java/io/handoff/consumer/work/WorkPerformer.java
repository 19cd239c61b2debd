package io.handoff.consumer.work;

import io.handoff.shared.message.Work;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Does an item's simulated work on the worker's thread: CPU rounds, or a wait.
 *
 * <p>A CPU round is one SHA-256 over 64 bytes. {@link MessageDigest} is not thread-safe and costly to make,
 * the textbook case for a {@link ThreadLocal}: each worker thread gets its own, made once, used without
 * any lock.
 */
public final class WorkPerformer {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    private WorkPerformer() {
    }

    /** Performs the work; returns a checksum of CPU work (so the JIT cannot skip it), else 0. */
    public static long perform(Work work, long seed) throws InterruptedException {
        return switch (work.kind()) {
            case NONE -> 0;
            case CPU -> compute(work.units(), seed);
            case IO -> {
                Thread.sleep(Duration.ofNanos(work.units() * 1_000L)); // a virtual thread unmounts here
                yield 0;
            }
        };
    }

    private static long compute(int rounds, long seed) {
        MessageDigest digest = DIGEST.get();
        ByteBuffer block = ByteBuffer.allocate(64).putLong(0, seed);
        byte[] out = block.array();
        for (int i = 0; i < rounds; i++) {
            digest.update(out, 0, 64);
            out = java.util.Arrays.copyOf(digest.digest(), 64);
        }
        return ByteBuffer.wrap(out).getLong();
    }
}
