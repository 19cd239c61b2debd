package io.handoff.shared.auth;

import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.control.ControlCommand;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Commands as records for {@code control}, each sealed with the key: the only way Handoff writes one. */
public final class ControlRecords {

    private static final JsonSerializer<ControlCommand> JSON = new JsonSerializer<>();

    private ControlRecords() {
    }

    public static ProducerRecord<byte[], byte[]> signed(ControlKey key, ControlCommand command) {
        byte[] value = JSON.serialize(Topics.CONTROL, command);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.CONTROL, value);
        record.headers().add(ControlSeal.HEADER, ControlSeal.seal(key, value));
        return record;
    }
}
