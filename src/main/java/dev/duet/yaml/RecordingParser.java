package dev.duet.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/** A SnakeYAML parser that remembers the position of the last event it handed out, for error messages. */
final class RecordingParser implements Parser {
    private final Parser inner;
    private Mark last;

    RecordingParser(Parser inner) {
        this.inner = inner;
    }

    Mark lastMark() {
        return last;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return inner.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return record(inner.peekEvent());
    }

    @Override
    public Event getEvent() {
        return record(inner.getEvent());
    }

    private Event record(Event e) {
        if (e != null && e.getStartMark() != null) {
            last = e.getStartMark();
        }
        return e;
    }
}
