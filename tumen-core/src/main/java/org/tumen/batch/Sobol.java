package org.tumen.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.random.SobolSequenceGenerator;
import org.hipparchus.stat.descriptive.moment.Variance;

/**
 * Sobol' first-order and total-order indices with the estimators of Saltelli et al. (2010, Comput. Phys.
 * Commun. 181:259): first order from their Table 2 (b), total order from Jansen's formula (f). Two N x k
 * matrices A and B come from a Sobol' quasi-random sequence of dimension 2k; A_B(i) is A with column i taken
 * from B. N (k + 2) runs in all; row j of every matrix uses seed offset j.
 */
public final class Sobol {
  private Sobol() {}

  /** Runs are A's N rows, then B's, then A_B(1), ..., A_B(k). */
  public record Design(List<SensitivityDesign.Factor> factors, int samples, List<double[]> points)
      implements SensitivityDesign {
    @Override
    public int seedOffset(int run) {
      return run % samples;
    }
  }

  /** First-order (main effect) and total-order index of one factor, as shares of the output's variance. */
  public record Index(String factor, double first, double total) {}

  public static Design design(List<SensitivityDesign.Factor> factors, int samples) {
    if (factors.isEmpty()) throw new IllegalArgumentException("no factors to vary");
    if (samples < 2) throw new IllegalArgumentException("at least 2 samples are needed, got " + samples);
    int k = factors.size();
    SobolSequenceGenerator sequence = new SobolSequenceGenerator(2 * k);
    sequence.skipTo(1); // the first point is all zeros: a corner of every prior
    double[][] a = new double[samples][], b = new double[samples][];
    for (int j = 0; j < samples; j++) {
      double[] q = sequence.nextVector();
      a[j] = Arrays.copyOfRange(q, 0, k);
      b[j] = Arrays.copyOfRange(q, k, 2 * k);
    }
    List<double[]> points = new ArrayList<>();
    points.addAll(Arrays.asList(a));
    points.addAll(Arrays.asList(b));
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < samples; j++) {
        double[] ab = a[j].clone();
        ab[i] = b[j][i];
        points.add(ab);
      }
    }
    return new Design(List.copyOf(factors), samples, points);
  }

  public static List<Index> indices(Design d, double[] y) {
    int n = d.samples(), k = d.factors().size();
    if (y.length != n * (k + 2)) throw new IllegalArgumentException("expected " + n * (k + 2) + " outputs, got " + y.length);
    double[] fa = Arrays.copyOfRange(y, 0, n), fb = Arrays.copyOfRange(y, n, 2 * n);
    double variance = new Variance().evaluate(Arrays.copyOfRange(y, 0, 2 * n));
    List<Index> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double first = 0, total = 0;
      for (int j = 0; j < n; j++) {
        double fab = y[(2 + i) * n + j];
        first += fb[j] * (fab - fa[j]);
        total += (fa[j] - fab) * (fa[j] - fab);
      }
      out.add(new Index(d.factors().get(i).name(), first / n / variance, total / (2.0 * n) / variance));
    }
    return out;
  }
}
