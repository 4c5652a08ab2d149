package org.tumen.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.stat.descriptive.rank.Median;

/**
 * ABC on a reference table with semi-automatic summaries and local-linear regression adjustment. For one
 * observed record:
 * <ol>
 *   <li><b>Pilot region.</b> Every feature (a log count, a share) is scaled by its median absolute deviation
 *       over the table; the {@code train} rows nearest the record in that scale form the region the rest works in
 *       (the pilot run of Fearnhead and Prangle 2012, "Constructing summary statistics for approximate Bayesian
 *       computation: semi-automatic approximate Bayesian computation", J. R. Stat. Soc. B 74:419).
 *   <li><b>Semi-automatic summaries.</b> In that region, each parameter (on the prior's own scale) is regressed
 *       by least squares on the features and their squares; the fitted value estimates E[θ_j | data], which is
 *       the summary for θ_j (Fearnhead and Prangle's main result: with these summaries the ABC posterior mean
 *       is right as the tolerance goes to zero). A parameter whose regression explains at least {@code minR2} of
 *       its variance (adjusted R²) is one the record speaks to: it is <em>estimated</em>; its summary enters the distance and
 *       its values are adjusted. Others are read from the accepted rows as drawn (plain rejection ABC), which
 *       leaves them close to their prior.
 *   <li><b>Rejection.</b> The {@code accept} rows of the region nearest the record in the standardised summaries
 *       are accepted, weighted by the Epanechnikov kernel 1 - (d/δ)², δ just beyond the farthest accepted.
 *   <li><b>Regression adjustment</b> (Beaumont, Zhang and Balding 2002, "Approximate Bayesian computation in
 *       population genetics", Genetics 162:2025): a weighted least-squares fit of each estimated parameter on the
 *       summaries among the accepted rows, and θ* = θ - β'(s - s_obs). Bounded parameters are adjusted on the logit
 *       of their place in the prior's box, so that θ* stays inside it (the transformation of Csilléry, François and
 *       Blum's R package abc, 2012, Methods Ecol. Evol. 3:475). Other quantities of a row (a simulated future year,
 *       a stock) are adjusted the same way, unbounded: their adjusted values sample the posterior predictive.
 * </ol>
 * Everything is a function of the table and the record, so the result is deterministic; it costs a few least
 * squares fits, not simulations, which is what makes leave-one-out checks and backtests cheap.
 */
public final class RegressionAbc {
  /**
   * @param accept rows accepted (the tolerance as a count)
   * @param train rows of the pilot region the summaries are fitted on
   * @param minR2 share of a parameter's variance in the region its regression must explain for it to be estimated
   */
  public record Settings(int accept, int train, double minR2) {
    public Settings {
      if (accept < 4) throw new IllegalArgumentException("at least 4 rows must be accepted, got " + accept);
      if (train < accept) throw new IllegalArgumentException("the pilot region (" + train + ") must hold the accepted rows (" + accept + ")");
      if (!(minR2 >= 0 && minR2 < 1)) throw new IllegalArgumentException("minR2 must be in [0, 1), got " + minR2);
    }
  }

  /**
   * The posterior of one record.
   *
   * @param rows the accepted rows of the table
   * @param weights their kernel weights
   * @param theta [accepted][parameter] on the prior's own scale: adjusted for estimated parameters, as drawn for the others
   * @param extra [accepted][quantity]: the other quantities, adjusted
   * @param r2 per parameter, the share of its variance the semi-automatic regression explains in the pilot region
   *     (adjusted R², which is 0 when the region has no more rows than regressors)
   * @param estimated per parameter, whether it entered the distance and was adjusted
   * @param adjusted whether the regression adjustment was made (not when too few rows were accepted for it)
   */
  public record Result(int[] rows, double[] weights, double[][] theta, double[][] extra, double[] r2, boolean[] estimated,
      boolean adjusted) {
    /** The accepted values of parameter j (on the prior's own scale). */
    public double[] parameter(int j) {
      double[] v = new double[theta.length];
      for (int i = 0; i < v.length; i++) v[i] = theta[i][j];
      return v;
    }

    /** The accepted, adjusted values of quantity k. */
    public double[] quantity(int k) {
      double[] v = new double[extra.length];
      for (int i = 0; i < v.length; i++) v[i] = extra[i][k];
      return v;
    }

    public int estimatedCount() {
      int n = 0;
      for (boolean e : estimated) if (e) n++;
      return n;
    }
  }

  private static final double RIDGE = 1e-8, EDGE = 1e-6;
  private final double[][] theta, features;
  private final double[] lower, upper, scale;
  private final boolean[] usable;
  private final Settings settings;

  /**
   * @param theta [row][parameter] on the prior's own scale (uniform on [lower, upper])
   * @param features [row][feature]; a row with a non-finite feature (a run cut short) is never used
   */
  public RegressionAbc(double[][] theta, double[] lower, double[] upper, double[][] features, Settings settings) {
    this.theta = theta;
    this.lower = lower;
    this.upper = upper;
    this.features = features;
    this.settings = settings;
    int n = theta.length, q = features.length == 0 ? 0 : features[0].length;
    usable = new boolean[n];
    for (int i = 0; i < n; i++) usable[i] = Arrays.stream(features[i]).allMatch(Double::isFinite);
    scale = new double[q];
    for (int j = 0; j < q; j++) {
      int col0 = j;
      double[] col = IntStream.range(0, n).filter(i -> usable[i]).mapToDouble(i -> features[i][col0]).toArray();
      double med = new Median().evaluate(col);
      double mad = new Median().evaluate(Arrays.stream(col).map(x -> Math.abs(x - med)).toArray());
      scale[j] = mad > 0 ? mad : 0; // a feature constant over most of the table carries no distance
    }
  }

  public int usableRows() {
    int n = 0;
    for (boolean u : usable) if (u) n++;
    return n;
  }

  public boolean usable(int row) {
    return usable[row];
  }

  /**
   * The posterior for an observed feature vector.
   *
   * @param exclude a row left out (the one whose simulated record is the observation, in a leave-one-out check), or -1
   * @param extra [row][quantity] further values of each row to adjust (null for none)
   */
  public Result analyse(double[] observed, int exclude, double[][] extra) {
    int p = lower.length, m = extra == null ? 0 : extra[0].length;
    // 1. The pilot region: nearest rows in MAD-scaled features.
    int[] candidates = IntStream.range(0, theta.length).filter(i -> usable[i] && i != exclude).toArray();
    double[] d0 = new double[theta.length];
    for (int i : candidates) d0[i] = Math.sqrt(squaredScaled(features[i], observed));
    int[] region = nearest(candidates, d0, Math.min(settings.train(), candidates.length));
    if (region.length < settings.accept()) {
      throw new IllegalStateException("only " + region.length + " usable rows; " + settings.accept() + " are to be accepted");
    }
    // 2. Semi-automatic summaries: least squares of each parameter on features and squares, in the region.
    double[][] x = new double[region.length][];
    for (int r = 0; r < region.length; r++) x[r] = design(features[region[r]], observed);
    double[][] y = new double[region.length][p];
    for (int r = 0; r < region.length; r++) y[r] = theta[region[r]];
    double[][] beta = leastSquares(x, y, null);
    double[] r2 = new double[p];
    double[][] fitted = multiply(x, beta);
    boolean[] estimated = new boolean[p];
    List<Integer> est = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      double mean = 0, sst = 0, sse = 0;
      for (double[] row : y) mean += row[j] / y.length;
      for (int r = 0; r < y.length; r++) {
        sst += (y[r][j] - mean) * (y[r][j] - mean);
        sse += (y[r][j] - fitted[r][j]) * (y[r][j] - fitted[r][j]);
      }
      // Adjusted for the regressors' count, so that a small region does not make every parameter look informed.
      int n = y.length, c = x[0].length;
      r2[j] = sst > 0 && n > c ? Math.max(0, 1 - (sse / (n - c)) / (sst / (n - 1))) : 0;
      if (r2[j] >= settings.minR2()) {
        estimated[j] = true;
        est.add(j);
      }
    }
    // 3. Rejection in the standardised summaries (the observation's summary is the intercept: its centred features are 0).
    int e = est.size();
    double[][] s = new double[region.length][e];
    double[] sd = new double[e];
    for (int k = 0; k < e; k++) {
      int j = est.get(k);
      double mean = 0, ss = 0;
      for (int r = 0; r < region.length; r++) {
        s[r][k] = fitted[r][j] - beta[0][j];
        mean += s[r][k] / region.length;
      }
      for (int r = 0; r < region.length; r++) ss += (s[r][k] - mean) * (s[r][k] - mean);
      sd[k] = Math.sqrt(ss / region.length);
      for (int r = 0; r < region.length; r++) s[r][k] = sd[k] > 0 ? s[r][k] / sd[k] : 0;
    }
    double[] d = new double[region.length];
    for (int r = 0; r < region.length; r++) {
      double sum = 0;
      if (e == 0) sum = d0[region[r]] * d0[region[r]];
      for (int k = 0; k < e; k++) sum += s[r][k] * s[r][k];
      d[r] = Math.sqrt(sum);
    }
    int[] byDistance = nearest(IntStream.range(0, region.length).toArray(), d, region.length);
    int k = settings.accept();
    double delta = k < region.length ? d[byDistance[k]] : d[byDistance[k - 1]];
    if (!(delta > d[byDistance[k - 1]])) delta = d[byDistance[k - 1]] * (1 + 1e-9) + 1e-12;
    int[] rows = new int[k];
    double[] w = new double[k];
    double[][] sAcc = new double[k][];
    for (int i = 0; i < k; i++) {
      int r = byDistance[i];
      rows[i] = region[r];
      double u = d[r] / delta;
      w[i] = 1 - u * u;
      sAcc[i] = s[r];
    }
    // 4. Local-linear adjustment on the accepted rows.
    double[][] th = new double[k][];
    for (int i = 0; i < k; i++) th[i] = theta[rows[i]].clone();
    double[][] ex = new double[k][m];
    for (int i = 0; i < k; i++) if (m > 0) ex[i] = extra[rows[i]].clone();
    boolean adjust = e > 0 && k >= 2 * (e + 1);
    if (adjust) {
      double[][] a = new double[k][e + 1];
      for (int i = 0; i < k; i++) {
        a[i][0] = 1;
        System.arraycopy(sAcc[i], 0, a[i], 1, e);
      }
      double[][] resp = new double[k][e + m];
      for (int i = 0; i < k; i++) {
        for (int c = 0; c < e; c++) resp[i][c] = logit(th[i][est.get(c)], est.get(c));
        for (int c = 0; c < m; c++) resp[i][e + c] = ex[i][c];
      }
      double[][] b = leastSquares(a, resp, w);
      for (int i = 0; i < k; i++) {
        for (int c = 0; c < e + m; c++) {
          double shift = 0;
          for (int t = 0; t < e; t++) shift += b[t + 1][c] * sAcc[i][t];
          if (c < e) th[i][est.get(c)] = fromLogit(resp[i][c] - shift, est.get(c));
          else ex[i][c - e] = resp[i][c] - shift;
        }
      }
    }
    return new Result(rows, w, th, ex, r2, estimated, adjust);
  }

  private double squaredScaled(double[] f, double[] o) {
    double sum = 0;
    for (int j = 0; j < f.length; j++) {
      if (scale[j] == 0) continue;
      double z = (f[j] - o[j]) / scale[j];
      sum += z * z;
    }
    return sum;
  }

  /** Intercept, the scaled and centred features, and their squares (features without spread left out). */
  private double[] design(double[] f, double[] o) {
    List<Double> x = new ArrayList<>();
    x.add(1.0);
    for (int j = 0; j < f.length; j++) {
      if (scale[j] == 0) continue;
      double z = (f[j] - o[j]) / scale[j];
      x.add(z);
      x.add(z * z);
    }
    return x.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double logit(double v, int j) {
    double u = (v - lower[j]) / (upper[j] - lower[j]);
    u = Math.min(1 - EDGE, Math.max(EDGE, u));
    return Math.log(u / (1 - u));
  }

  private double fromLogit(double z, int j) {
    double u = 1 / (1 + Math.exp(-z));
    return lower[j] + u * (upper[j] - lower[j]);
  }

  /** Indices sorted by distance (ties by index), the first {@code count}. */
  private static int[] nearest(int[] candidates, double[] d, int count) {
    return Arrays.stream(candidates).boxed().sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
        .limit(count).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Least squares for several responses at once (one QR decomposition), with row weights (null: equal) and a
   * tiny ridge on the slopes so that a feature that is constant within the region cannot make it singular.
   * Returns beta[coefficient][response].
   */
  static double[][] leastSquares(double[][] x, double[][] y, double[] weights) {
    int n = x.length, c = x[0].length, r = y[0].length;
    double[][] xa = new double[n + c - 1][c], ya = new double[n + c - 1][r];
    for (int i = 0; i < n; i++) {
      double sw = weights == null ? 1 : Math.sqrt(weights[i]);
      for (int j = 0; j < c; j++) xa[i][j] = sw * x[i][j];
      for (int j = 0; j < r; j++) ya[i][j] = sw * y[i][j];
    }
    double ridge = Math.sqrt(RIDGE * n);
    for (int j = 1; j < c; j++) xa[n + j - 1][j] = ridge;
    RealMatrix beta = new QRDecomposition(MatrixUtils.createRealMatrix(xa), 0).getSolver().solve(MatrixUtils.createRealMatrix(ya));
    return beta.getData();
  }

  private static double[][] multiply(double[][] x, double[][] beta) {
    return MatrixUtils.createRealMatrix(x).multiply(MatrixUtils.createRealMatrix(beta)).getData();
  }
}
