package org.tumen.engine;

/**
 * Replays the event stream. Called once per simulated day, on the engine's thread, with that day's
 * events in a deterministic order; handlers must not keep the buffer, which is reused.
 */
public interface EventHandler {
  /** Called before the first day. */
  default void start(Vocabulary vocabulary, SimCalendar calendar) {}

  void handleDay(int day, EventBuffer events);

  /** Called after the last day. */
  default void finish(int lastDay) {}
}
