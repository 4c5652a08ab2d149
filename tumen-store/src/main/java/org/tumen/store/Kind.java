package org.tumen.store;

import java.util.Locale;

/** What a row of the runs table records. Stored in lower case ({@code run}, {@code ensemble}, ...). */
public enum Kind {
  RUN(false),
  ENSEMBLE(true),
  COMPARE(true),
  SWEEP(false),
  CALIBRATION(false);

  private final boolean bands;

  Kind(boolean bands) {
    this.bands = bands;
  }

  /**
   * Whether the store keeps quantile bands for batches of this kind: the spread of an ensemble (per scenario
   * for a comparison) means something; across the points of a sweep grid it does not.
   */
  public boolean bands() {
    return bands;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Kind of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
