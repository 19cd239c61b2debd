package io.handoff.shared.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Heap in use as of the last garbage collection of each heap pool: live data, without the garbage that
 * comes and goes between collections. Flat under backpressure is what "memory stays flat" means.
 */
public final class HeapGauge {

    private HeapGauge() {
    }

    /** The heap in use right after a full collection: exactly the live data, at the cost of the collection. */
    public static long liveBytesAfterFullGc() {
        System.gc(); // a measurement aid, asked for explicitly (handoff.producer.measure-live-heap)
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static long liveBytes() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                live += afterGc != null ? afterGc.getUsed() : pool.getUsage().getUsed();
            }
        }
        return live;
    }
}
