package org.tumen.scenario;

/** The range a calibrated parameter is searched over: uniform, or uniform in log space when {@code log}. */
public record Prior(double min, double max, boolean log) implements java.io.Serializable {
  public double sample(double u) {
    return log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  }

  public boolean contains(double v) {
    return v >= min && v <= max;
  }

  /** Maps a value to [0, 1] on the prior's own scale (log or linear). */
  public double toUnit(double v) {
    return log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
  }
}
