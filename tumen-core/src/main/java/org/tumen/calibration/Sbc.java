package org.tumen.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.tumen.engine.RandomStream;
import org.tumen.forecast.Quantiles;

/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari and Gelman 2018, "Validating Bayesian
 * inference algorithms with simulation-based calibration", arXiv:1804.06788) by leave-one-out on the reference
 * table: a row's parameters are a draw from the prior and its simulated record a synthetic observation, so
 * calibrating that record on the table without the row is one SBC replicate, at the cost of an analysis, not of
 * a calibration's simulations. For each replicate and parameter, the rank statistic is where the true value falls
 * in the (weighted) posterior, 0 to 1; if the method is calibrated it is uniform, and the true value lies in the
 * central 50% and 90% intervals of 50% and 90% of the replicates.
 *
 * <p>Replicates are the first rows of a keyed shuffle of the usable rows (those not cut by the event cap, whose
 * absence truncates the prior for the analysis and the check alike).
 */
public final class Sbc {
  private static final long STREAM_PICK = 403;
  public static final int BINS = 10;

  /**
   * @param rank [replicate][parameter] the rank statistic
   * @param estimated [replicate][parameter] whether the replicate's analysis estimated the parameter
   */
  public record Result(List<String> names, int[] rows, double[][] rank, boolean[][] estimated) {
    public int replicates() {
      return rows.length;
    }

    /** Share of replicates whose true value of parameter j lies in the central interval of the given mass. */
    public double coverage(int j, double mass) {
      double lo = (1 - mass) / 2, hi = 1 - lo;
      int in = 0;
      for (double[] r : rank) if (r[j] >= lo && r[j] <= hi) in++;
      return (double) in / rank.length;
    }

    /** Share of replicates in which parameter j was estimated (its summary used and its values adjusted). */
    public double estimatedShare(int j) {
      int n = 0;
      for (boolean[] e : estimated) if (e[j]) n++;
      return (double) n / estimated.length;
    }

    public int[] histogram(int j) {
      int[] h = new int[BINS];
      for (double[] r : rank) h[Math.min(BINS - 1, (int) (r[j] * BINS))]++;
      return h;
    }

    /** sbc.csv: one row per parameter. */
    public String csv() {
      StringBuilder s = new StringBuilder("parameter,replicates,estimated_share,coverage50,coverage90");
      for (int b = 0; b < BINS; b++) s.append(",bin").append(b);
      s.append('\n');
      for (int j = 0; j < names.size(); j++) {
        s.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%.3f", names.get(j), replicates(), estimatedShare(j), coverage(j, .5),
            coverage(j, .9)));
        for (int c : histogram(j)) s.append(',').append(c);
        s.append('\n');
      }
      return s.toString();
    }

    /** sbc_ranks.csv: one row per replicate and parameter. */
    public String ranksCsv() {
      StringBuilder s = new StringBuilder("replicate,row,parameter,rank,estimated\n");
      for (int r = 0; r < rows.length; r++) {
        for (int j = 0; j < names.size(); j++) {
          s.append(String.format(Locale.ROOT, "%d,%d,%s,%.5f,%b%n", r, rows[r], names.get(j), rank[r][j], estimated[r][j]));
        }
      }
      return s.toString();
    }

    /**
     * The rank histograms as SVG, one small panel per parameter, with the count every bin expects under
     * uniformity and the band a bin falls in 99% of the time (binomial), as Talts et al. draw them.
     */
    public String svg(String title) {
      int cols = 6, rowsN = (names.size() + cols - 1) / cols, pw = 190, ph = 120, top = 50;
      int w = cols * pw, h = top + rowsN * ph;
      int n = replicates();
      BinomialDistribution bin = new BinomialDistribution(n, 1.0 / BINS);
      double lo = bin.inverseCumulativeProbability(0.005), hi = bin.inverseCumulativeProbability(0.995);
      int max = (int) hi + 1;
      for (int j = 0; j < names.size(); j++) for (int c : histogram(j)) max = Math.max(max, c);
      StringBuilder s = new StringBuilder();
      s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
          + " font-family=\"sans-serif\" font-size=\"10\">%n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h, w, h, w, h));
      s.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", Chart.escape(title)));
      s.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"36\" fill=\"#555\">Rank of the true value in the posterior, %d replicates,"
          + " %d bins; grey band: where a bin falls 99%% of the time if calibrated; in brackets: 90%% interval coverage.</text>%n", n, BINS));
      for (int j = 0; j < names.size(); j++) {
        int x0 = (j % cols) * pw + 10, y0 = top + (j / cols) * ph, left = x0, right = x0 + pw - 20, bottom = y0 + ph - 22, upper = y0 + 16;
        double sy = (bottom - upper) / (double) max, bw = (right - left) / (double) BINS;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#ddd\"/>%n", left, bottom - hi * sy,
            right - left, (hi - lo) * sy));
        int[] hist = histogram(j);
        for (int b = 0; b < BINS; b++) {
          s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b6ea5\"/>%n",
              left + b * bw + 1, bottom - hist[b] * sy, bw - 2, hist[b] * sy));
        }
        double e = (double) n / BINS;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"3,2\"/>%n",
            left, right, bottom - e * sy, bottom - e * sy));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n", left, right, bottom, bottom));
        String label = names.get(j).length() > 30 ? names.get(j).substring(0, 29) + "…" : names.get(j);
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left, y0 + 10, Chart.escape(label)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">[%.0f%%]%s</text>%n", left, bottom + 13,
            100 * coverage(j, .9), estimatedShare(j) > 0.5 ? " estimated" : ""));
      }
      s.append("</svg>\n");
      return s.toString();
    }
  }

  private Sbc() {}

  /** Which rows serve as synthetic records: the first {@code replicates} of a keyed shuffle of the usable rows. */
  public static int[] pick(RegressionAbc abc, int size, int replicates, long seed) {
    int[] usable = java.util.stream.IntStream.range(0, size).filter(abc::usable).toArray();
    RandomStream rng = new RandomStream(seed, STREAM_PICK, 0, 0);
    for (int i = usable.length - 1; i > 0; i--) { // Fisher-Yates
      int k = rng.nextInt(i + 1), t = usable[i];
      usable[i] = usable[k];
      usable[k] = t;
    }
    return Arrays.copyOf(usable, Math.min(replicates, usable.length));
  }

  /**
   * Runs the replicates: theta [row][parameter] on the prior's own scale, features [row][feature] as the
   * analysis was built from.
   */
  public static Result run(RegressionAbc abc, List<String> names, double[][] theta, double[][] features, int replicates, long seed,
      java.util.function.IntConsumer progress) {
    int[] rows = pick(abc, theta.length, replicates, seed);
    double[][] rank = new double[rows.length][];
    boolean[][] estimated = new boolean[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      RegressionAbc.Result post = abc.analyse(features[rows[r]], rows[r], null);
      rank[r] = new double[names.size()];
      for (int j = 0; j < names.size(); j++) rank[r][j] = Quantiles.cdf(post.parameter(j), post.weights(), theta[rows[r]][j]);
      estimated[r] = post.estimated();
      if (progress != null) progress.accept(r + 1);
    }
    return new Result(names, rows, rank, estimated);
  }

  /** For the terminal: coverage per parameter, estimated ones first. */
  public static String text(Result r) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Simulation-based calibration, %d synthetic records (leave-one-out"
        + " on the table)%n%-44s %9s %8s %8s%n", r.replicates(), "parameter", "estimated", "in 50%", "in 90%"));
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < r.names().size(); j++) order.add(j);
    order.sort((a, b) -> Double.compare(r.estimatedShare(b), r.estimatedShare(a)));
    for (int j : order) {
      double c90 = r.coverage(j, .9);
      s.append(String.format(Locale.ROOT, "%-44s %8.0f%% %7.0f%% %7.0f%%%s%n", r.names().get(j), 100 * r.estimatedShare(j), 100 * r.coverage(j, .5),
          100 * c90, c90 < 0.80 || c90 > 0.98 ? "  outside 80-98%" : ""));
    }
    return s.toString();
  }
}
