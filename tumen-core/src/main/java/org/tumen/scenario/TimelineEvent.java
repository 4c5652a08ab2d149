package org.tumen.scenario;

import java.time.LocalDate;

/**
 * One row of a scenario's timeline.csv: a dated event and, when it changes the model, which parameter it
 * changes and how. Rows without a parameter are context (shown on the timeline, no effect).
 *
 * @param end the last day the effect holds, or null when it lasts to the end of the run
 * @param effect how the value applies, or null for context rows
 * @param valueRef the parameter whose value is used (a "$name" cell), or null when {@code value} is given
 */
public record TimelineEvent(int line, LocalDate start, LocalDate end, String event, String kind, String parameter,
    Effect effect, double value, String valueRef, String source) {
  public enum Effect {
    /** Multiplies the parameter while active; several multiply together. */
    MULTIPLY,
    /** Replaces the parameter while active; the latest-starting one wins. */
    SET
  }

  public boolean hasEffect() {
    return effect != null;
  }

  public boolean activeOn(LocalDate d) {
    return !d.isBefore(start) && (end == null || !d.isAfter(end));
  }
}
