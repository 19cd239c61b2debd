package io.handoff.consumer.ledger;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock of one account: a {@link ReentrantLock} that says who holds it, so the deadlock watchdog can draw
 * who waits for whom even among virtual threads.
 */
final class AccountLock extends ReentrantLock {

    /** The thread holding this lock now, or null. */
    Thread holder() {
        return getOwner();
    }
}
