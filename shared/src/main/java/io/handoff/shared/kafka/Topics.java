package io.handoff.shared.kafka;

import java.util.List;

/** The topic names of the contract (DESIGN.md section 2); every process and deployment uses these. */
public final class Topics {

    /** Work: one record per item, keyed so that one key's items stay in order. */
    public static final String ITEMS = "items";
    /** What was done: one record per processed item. */
    public static final String RESULTS = "results";
    /** Instances to coordinator: hello, done. */
    public static final String STATUS = "status";
    /** Coordinator to every instance: stop. */
    public static final String CONTROL = "control";
    /** Records of {@link #ITEMS} that are not valid items, with the reason in headers. */
    public static final String ITEMS_DLQ = "items-dlq";

    /** The topics with as many partitions as the run asks for; the others have one, to keep order. */
    public static final List<String> PARTITIONED = List.of(ITEMS, RESULTS);
    /** The single-partition topics. */
    public static final List<String> SINGLE = List.of(STATUS, CONTROL, ITEMS_DLQ);

    private Topics() {
    }
}
