package io.handoff.shared.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces of the commands a receiver has obeyed, so that a copy written to {@code control} again is
 * refused. Memory is bounded: beyond {@link #REMEMBERED} nonces the oldest is forgotten, and from then on every
 * command issued before it is refused as too old to check. A receiver that starts reads the topic from the
 * start and meets each original once, before any copy of it (a copy is written later, so it lies further on).
 */
public final class ReplayGuard {

    /** Nonces kept; a run sends a few dozen commands, so this covers the life of any service or agent. */
    public static final int REMEMBERED = 10_000;

    private final int capacity;
    /** Guards {@link #seen} and {@link #floorMs}: the control reader and tests may call from different threads. */
    private final Object memory = new Object();
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private long floorMs = Long.MIN_VALUE;

    public ReplayGuard() {
        this(REMEMBERED);
    }

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** Records a verified seal; refused when it was seen before or is older than what is still remembered. */
    public void admit(ControlSeal.Opened seal) throws ControlSeal.Refused {
        synchronized (memory) {
            if (seen.containsKey(seal.nonce())) {
                throw new ControlSeal.Refused(Rejection.REPLAYED, "a copy of a command already obeyed (nonce "
                        + seal.nonce() + ")");
            }
            if (seal.issuedAtMs() <= floorMs) {
                throw new ControlSeal.Refused(Rejection.EXPIRED, "issued at " + seal.issuedAtMs()
                        + ", not after the newest command forgotten (" + floorMs + ")");
            }
            seen.put(seal.nonce(), seal.issuedAtMs());
            if (seen.size() > capacity) {
                var oldest = seen.entrySet().iterator();
                floorMs = Math.max(floorMs, oldest.next().getValue());
                oldest.remove();
            }
        }
    }
}
