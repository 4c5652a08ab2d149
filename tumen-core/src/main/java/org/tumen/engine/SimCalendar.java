package org.tumen.engine;

import java.time.LocalDate;

/** Maps simulation days (0 = the start date) to dates and years. Immutable. */
public record SimCalendar(LocalDate start, LocalDate end) {
  public SimCalendar {
    if (end.isBefore(start)) throw new IllegalArgumentException("end " + end + " is before start " + start);
  }

  /** Number of days simulated, both ends included. */
  public int days() {
    return (int) (end.toEpochDay() - start.toEpochDay()) + 1;
  }

  public LocalDate date(int day) {
    return start.plusDays(day);
  }

  public int dayOf(LocalDate date) {
    return (int) (date.toEpochDay() - start.toEpochDay());
  }

  public int year(int day) {
    return date(day).getYear();
  }
}
