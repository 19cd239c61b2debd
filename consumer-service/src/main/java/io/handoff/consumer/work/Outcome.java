package io.handoff.consumer.work;

import io.handoff.shared.json.MalformedItemException;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;

/** What a worker made of one record: a result, a record of another run to skip, or a malformed record. */
sealed interface Outcome {

    /** The transfer was applied; the result goes to {@code results}. */
    record Applied(Item item, Result result) implements Outcome {
    }

    /** A valid item of another run: acknowledged and skipped. */
    record Foreign(Item item) implements Outcome {
    }

    /** Not a valid item: dead-lettered with the reason. */
    record Malformed(MalformedItemException reason) implements Outcome {
    }
}
