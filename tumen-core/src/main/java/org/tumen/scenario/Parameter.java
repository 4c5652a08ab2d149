package org.tumen.scenario;

/**
 * One number of the scenario after loading: a plain parameter ("hiding.arrest_rate_border") or one knot
 * of a yearly series ("crossing.female_ratio@2005"), with its value, where it came from, and its prior
 * when calibration estimates it.
 *
 * @param base the name in the rule set's spec (without "@year")
 * @param year the knot's year, or 0 for a plain parameter
 * @param prior null unless marked {@code calibrate}
 * @param source the citation, or null when only a prior is given
 */
public record Parameter(String name, String base, int year, Unit unit, double value, Prior prior, String source,
    String file, int line) {
  public boolean calibrated() {
    return prior != null;
  }

  public Parameter withValue(double v) {
    return new Parameter(name, base, year, unit, v, prior, source, file, line);
  }
}
