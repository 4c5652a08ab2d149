package org.tumen.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tumen.forecast.Quantiles;
import org.tumen.report.Observed;
import org.tumen.scenario.Posterior;

/**
 * The global calibration: the whole record (every outcome up to the last year it has) analysed on the
 * reference table. The posterior holds the parameters the record speaks to (those the analysis estimated);
 * the others travel as prior draws in every posterior-predictive command. Also reports, for people hiding in
 * China, how far the record narrows the prior's predictive: the question the three estimates barely answer.
 */
public final class TableCalibration {
  /** Years of the hidden-population report (the table's runs end in the last year the record reads). */
  public static final int HIDDEN_FROM = 1995;

  /**
   * @param post the analysis
   * @param hiddenYears years of the hidden-population report; {@code hiddenPrior}/{@code hiddenPosterior} their 90% intervals and medians
   */
  public record Result(ReferenceTable table, TableRecord record, RegressionAbc.Result post, int[] hiddenYears,
      double[][] hiddenPrior, double[][] hiddenPosterior) {
    /** The posterior of the estimated parameters, on their natural scale, with the kernel weights. */
    public Posterior posterior() {
      ParameterSpace space = table.space();
      List<String> names = new ArrayList<>();
      List<Integer> cols = new ArrayList<>();
      for (int j = 0; j < space.dimension(); j++) {
        if (post.estimated()[j]) {
          names.add(space.names().get(j));
          cols.add(j);
        }
      }
      double[][] v = new double[post.rows().length][cols.size()];
      for (int i = 0; i < v.length; i++) {
        double[] natural = space.toNatural(post.theta()[i]);
        for (int k = 0; k < cols.size(); k++) v[i][k] = natural[cols.get(k)];
      }
      double[] d = new double[v.length];
      Arrays.fill(d, Double.NaN);
      return new Posterior(names, v, post.weights(), d);
    }

    /** One line per parameter: whether estimated, R², prior and posterior 90% intervals, how much the record narrowed it. */
    public String parametersText() {
      ParameterSpace space = table.space();
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-44s %9s %6s %23s %23s %9s%n", "parameter", "estimated", "R2",
          "prior 90%", "posterior median (90%)", "sd ratio"));
      int[] usable = java.util.stream.IntStream.range(0, table.size()).filter(i -> !table.cut(i)).toArray();
      for (int j = 0; j < space.dimension(); j++) {
        int jj = j;
        double[] prior = Arrays.stream(usable).mapToDouble(i -> table.theta(i)[jj]).toArray();
        double[] postV = post.parameter(j);
        double priorSd = Math.sqrt(Quantiles.moments(prior, null)[1]), postSd = Math.sqrt(Quantiles.moments(postV, post.weights())[1]);
        java.util.function.DoubleUnaryOperator nat = x -> space.toNatural(jj, x);
        s.append(String.format(Locale.ROOT, "%-44s %9s %6.2f %11s-%-11s %9s (%s-%s) %9.2f%n", space.names().get(j),
            post.estimated()[j] ? "yes" : "no", post.r2()[j], g(nat.applyAsDouble(Quantiles.of(prior, null, .05))),
            g(nat.applyAsDouble(Quantiles.of(prior, null, .95))), g(nat.applyAsDouble(Quantiles.of(postV, post.weights(), .5))),
            g(nat.applyAsDouble(Quantiles.of(postV, post.weights(), .05))), g(nat.applyAsDouble(Quantiles.of(postV, post.weights(), .95))),
            priorSd > 0 ? postSd / priorSd : Double.NaN));
      }
      return s.toString();
    }

    public String hiddenText() {
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "People hiding in China at year end: the prior's predictive (every"
          + " usable table row) and the posterior's (accepted rows, adjusted)%n%-6s %27s %27s %8s%n", "year", "prior median (90%)",
          "posterior median (90%)", "width"));
      for (int k = 0; k < hiddenYears.length; k++) {
        double[] a = hiddenPrior[k], b = hiddenPosterior[k];
        s.append(String.format(Locale.ROOT, "%-6d %,9.0f (%,7.0f-%,9.0f) %,9.0f (%,7.0f-%,9.0f) %7.0f%%%n", hiddenYears[k], a[1], a[0], a[2], b[1],
            b[0], b[2], 100 * (Math.log1p(b[2]) - Math.log1p(b[0])) / (Math.log1p(a[2]) - Math.log1p(a[0]))));
      }
      s.append("(width: the posterior's 90% interval as a share of the prior's, on the log scale)\n");
      return s.toString();
    }
  }

  private TableCalibration() {}

  private static String g(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 1000 || Math.abs(v) < 0.01 && v != 0 ? "%.3g" : "%.4g", v);
  }

  /** Analyses the whole record on the table. */
  public static Result run(ReferenceTable t, Observed record, int through, RegressionAbc.Settings settings) {
    TableRecord r = new TableRecord(record, through);
    int from = Math.max(HIDDEN_FROM, t.firstYear());
    int[] years = java.util.stream.IntStream.rangeClosed(from, t.lastYear()).toArray();
    double[][] extra = new double[t.size()][years.length];
    for (int i = 0; i < t.size(); i++) {
      for (int k = 0; k < years.length; k++) extra[i][k] = t.cut(i) ? Double.NaN : Math.log1p(t.value("hiding_in_china", i, years[k]));
    }
    RegressionAbc.Result post = r.abc(t, settings).analyse(r.observed(), -1, extra);
    double[][] prior = new double[years.length][], posterior = new double[years.length][];
    for (int k = 0; k < years.length; k++) {
      int kk = k;
      double[] all = java.util.stream.IntStream.range(0, t.size()).filter(i -> !t.cut(i)).mapToDouble(i -> extra[i][kk]).toArray();
      prior[k] = counts(all, null);
      posterior[k] = counts(post.quantity(k), post.weights());
    }
    return new Result(t, r, post, years, prior, posterior);
  }

  /** {p05, median, p95} of log(1 + x) values, as counts. */
  private static double[] counts(double[] logs, double[] w) {
    return new double[] {Math.expm1(Quantiles.of(logs, w, .05)), Math.expm1(Quantiles.of(logs, w, .5)), Math.expm1(Quantiles.of(logs, w, .95))};
  }

  /**
   * The last year of the record a table can be compared with: the last year the record reads (the last
   * hidden-population estimate may be after the last arrivals), or the table's last year if earlier.
   */
  public static int through(Observed record, ReferenceTable t) {
    return Math.min(new Distance(record).lastYear(), t.lastYear());
  }
}
