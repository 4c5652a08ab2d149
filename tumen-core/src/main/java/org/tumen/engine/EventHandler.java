package org.tumen.engine;

/**
 * Replays the event stream. Called once per simulated day, on the engine's thread (or, when every handler
 * {@link #readsEventsOnly}, on whichever thread of the run's team is free, one at a time), with that day's
 * events in a deterministic order; handlers must not keep the buffer, which is reused.
 */
public interface EventHandler {
  /** Called before the first day. */
  default void start(Vocabulary vocabulary, SimCalendar calendar) {}

  void handleDay(int day, EventBuffer events);

  /**
   * True when the handler reads nothing but the events (not the model, and nothing another thread polls
   * without synchronisation). When every handler of a run says so and the run has two or more threads,
   * the engine replays days while the model steps ahead, as the team's idle work, still in day order.
   */
  default boolean readsEventsOnly() {
    return false;
  }

  /** Called after the last day. */
  default void finish(int lastDay) {}
}
