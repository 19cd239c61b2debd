package io.handoff.shared.testing;

import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.message.control.ControlCommand;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The control key of the services' test profile ({@code %test.handoff.control-key}), and commands sealed with it. */
public final class TestControl {

    /** The same text as {@code %test.handoff.control-key} in each service's application.properties. */
    public static final ControlKey KEY = ControlKey.of("test-profile-control-key-not-a-secret-0001");

    private TestControl() {
    }

    public static ProducerRecord<byte[], byte[]> signed(ControlCommand command) {
        return ControlRecords.signed(KEY, command);
    }
}
