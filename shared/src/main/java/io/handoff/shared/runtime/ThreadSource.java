package io.handoff.shared.runtime;

import java.util.List;

/**
 * Threads a bean owns that the JVM's own listing cannot show: virtual threads appear neither in
 * {@code Thread.getAllStackTraces()} nor in the ThreadMXBean, so their owner reports them.
 */
public interface ThreadSource {

    List<Thread> threads();
}
