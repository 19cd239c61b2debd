package io.handoff.shared.config;

import java.util.Locale;

/** How a transfer guards the two balances it changes ({@code handoff.consumer.lock.mode}). */
public enum LockMode {
    /** No locking: concurrent transfers overwrite each other's updates, and money drifts. */
    UNSAFE,
    /** Both account locks, always lower account first: no deadlock is possible. The default. */
    ORDERED,
    /** Locks in arrival order with tryLock(timeout); on a timeout, let go, back off at random, retry. */
    TRYLOCK,
    /** Locks in arrival order and waits forever: deadlocks, which the watchdog finds and breaks. */
    NAIVE;

    /** The lower-case name used in configuration and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
