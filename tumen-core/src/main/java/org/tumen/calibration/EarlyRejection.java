package org.tumen.calibration;

import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;
import org.tumen.korea.KoreaTally;

/**
 * Stops a calibration run once the years simulated so far put it farther from the observations than the
 * tolerance. Each block of the distance only grows with more years ({@link Distance#partial}), so such a run
 * could not be accepted: stopping it changes no result and saves the rest of its years. Checked at each
 * year end, after the tally has seen the day.
 */
final class EarlyRejection implements EventHandler {
  private final Distance distance;
  private final KoreaTally tally;
  private final double tolerance;
  private SimCalendar calendar;
  private boolean rejected;

  EarlyRejection(Distance distance, KoreaTally tally, double tolerance) {
    this.distance = distance;
    this.tally = tally;
    this.tolerance = tolerance;
  }

  @Override
  public void start(Vocabulary vocabulary, SimCalendar c) {
    calendar = c;
  }

  @Override
  public void handleDay(int day, EventBuffer events) {
    if (rejected || !Double.isFinite(tolerance)) return;
    int year = calendar.year(day);
    if (day + 1 < calendar.days() && calendar.year(day + 1) == year) return;
    rejected = distance.partial(tally.firstYear(), tally.yearly(), year).total() > tolerance;
  }

  boolean rejected() {
    return rejected;
  }
}
