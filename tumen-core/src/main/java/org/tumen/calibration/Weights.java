package org.tumen.calibration;

/** Drawing by weight. */
public final class Weights {
  private Weights() {}

  /** Index drawn with probability proportional to {@code weights} (normalised), given u uniform on [0, 1). */
  public static int draw(double[] weights, double u) {
    double c = 0;
    for (int i = 0; i < weights.length; i++) {
      c += weights[i];
      if (u < c) return i;
    }
    return weights.length - 1; // rounding: u just below 1
  }
}
