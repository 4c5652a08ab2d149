package org.tumen.scenario;

/** What a parameter measures, and so which values are possible. */
public enum Unit {
  PROBABILITY("probability", 0, 1),
  SHARE("share", 0, 1),
  PER_YEAR("per_year", 0, Double.POSITIVE_INFINITY),
  MULTIPLIER("multiplier", 0, Double.POSITIVE_INFINITY),
  DAYS("days", 0, 365 * 100),
  USD("usd", 0, Double.POSITIVE_INFINITY),
  KM("km", 0, 40_000),
  KM_PER_DAY("km_per_day", 0, 40_000),
  PEOPLE("people", 0, 1e10),
  ELASTICITY("elasticity", -50, 50);

  public final String label;
  public final double min;
  public final double max;

  Unit(String label, double min, double max) {
    this.label = label;
    this.min = min;
    this.max = max;
  }

  public boolean allows(double v) {
    return v >= min && v <= max;
  }

  public String range() {
    return max == Double.POSITIVE_INFINITY ? "at least " + fmt(min) : "between " + fmt(min) + " and " + fmt(max);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  public static Unit byLabel(String label) {
    for (Unit u : values()) if (u.label.equals(label)) return u;
    return null;
  }
}
