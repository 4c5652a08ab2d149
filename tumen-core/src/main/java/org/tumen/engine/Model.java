package org.tumen.engine;

/**
 * A rule set made runnable: the Korea rules, Flee's rules, or a test's. The engine owns time; a model
 * owns its people (in primitive arrays) and says what happens to them on one day.
 */
public interface Model {
  SimCalendar calendar();

  Vocabulary vocabulary();

  /**
   * Advances the model through one day, appending that day's transitions to {@code events} in an order
   * that depends on the seed and inputs only, never on the thread count.
   */
  void step(int day, Workers workers, EventBuffer events);

  /** People per state right now, indexed by state code; the sum never changes (people are conserved). */
  long[] census();

  /** Person-days simulated so far: the work measure that agent-steps per second is quoted in. */
  long agentDays();

  /** Individual agents created so far (people represented one by one), or -1 if the model does not say. */
  default long individuals() {
    return -1;
  }
}
