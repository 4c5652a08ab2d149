package org.tumen.calibration;

import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;

/**
 * Stops a run whose event count passes a cap. Prior draws far from the data (a crossing rate 25 times the
 * baseline) make runs many times slower than the flagship; the cap cuts them short, and such a run counts
 * as infinitely far from the observations. Counting events, not seconds, keeps the cut deterministic.
 */
final class EventBudget implements EventHandler {
  private final long cap;
  private long events;

  EventBudget(long cap) {
    this.cap = cap;
  }

  @Override
  public void handleDay(int day, EventBuffer buffer) {
    events += buffer.size();
  }

  boolean exceeded() {
    return events > cap;
  }

  /** Events seen so far. */
  long events() {
    return events;
  }
}
