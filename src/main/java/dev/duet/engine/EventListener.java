package dev.duet.engine;

/** Receives engine events, possibly from several host threads at once: implementations synchronise. */
@FunctionalInterface
public interface EventListener {
    void on(EngineEvent event);
}
