package io.handoff.shared.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who an instance is and which bank it works on; the same keys in every service and deployment. */
@ConfigMapping(prefix = "handoff")
public interface InstanceConfig {

    /** The run this instance belongs to: its records carry it, and records of other runs are skipped. */
    @WithDefault("standalone")
    String runId();

    /** This instance's name in status messages and results, unique within a run, such as {@code consumer-2}. */
    String instanceId();

    /**
     * The key that commands on {@code control} must be sealed with ({@code HANDOFF_CONTROL_KEY}); the coordinator or
     * agent that starts a service gives it. Required: a service without it could only obey anyone, or no one.
     */
    String controlKey();

    /** What this service is, {@code producer} or {@code consumer}: each service's own properties say. */
    @WithDefault("service")
    String role();

    /** Whether meters record at all (false: every meter is a no-op; for the overhead benchmark). */
    @WithDefault("true")
    boolean metricsEnabled();

    /** The bank that transfers move money in. */
    Ledger ledger();

    /** Producers and consumers must agree on these. */
    interface Ledger {

        /** Number of accounts; a transfer picks both ends from {@code 0..accounts-1}. */
        @WithDefault("1000")
        int accounts();

        /** Opening balance of every account; the ledger's total must stay {@code accounts * initialBalance}. */
        @WithDefault("1000000")
        long initialBalance();
    }
}
