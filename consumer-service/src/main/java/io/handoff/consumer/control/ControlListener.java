package io.handoff.consumer.control;

import io.handoff.consumer.stop.FinishLine;
import io.handoff.consumer.sentinel.SentinelTracker;
import io.handoff.consumer.work.Slowdown;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.Launch;
import io.handoff.shared.message.control.Terminate;
import io.handoff.shared.message.control.Mode;
import io.handoff.shared.message.control.Rate;
import io.handoff.shared.message.control.Start;
import io.handoff.shared.message.control.Stop;
import io.handoff.shared.runtime.ControlInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Acts on the coordinator's orders to consumers: start (learn the run's producers), stop (finish by
 * sentinels and exit), mode (slow down or speed up). The inbox itself acts on crash.
 */
@ApplicationScoped
public class ControlListener {

    private final ControlInbox inbox;
    private final SentinelTracker sentinels;
    private final FinishLine finishLine;
    private final Slowdown slowdown;

    @Inject
    public ControlListener(ControlInbox inbox, SentinelTracker sentinels, FinishLine finishLine, Slowdown slowdown) {
        this.inbox = inbox;
        this.sentinels = sentinels;
        this.finishLine = finishLine;
        this.slowdown = slowdown;
    }

    @Incoming("control")
    public void onControl(ConsumerRecord<String, byte[]> record) {
        // The whole record: the seal that proves a command came from the coordinator is in a header.
        inbox.read(record.headers(), record.value()).ifPresent(command -> {
            switch (command) {
                case Start start -> sentinels.expectProducers(start.producers());
                case Stop stop -> finishLine.stopRequested();
                case Mode mode -> slowdown.set(mode.delayMs());
                case Rate rate -> {
                    // producers' business
                }
                case Launch launch -> {
                    // agents' business
                }
                case Terminate terminate -> {
                    // agents' business
                }
                case Crash crash -> {
                    // handled by the inbox: the process is already gone
                }
            }
        });
    }
}
