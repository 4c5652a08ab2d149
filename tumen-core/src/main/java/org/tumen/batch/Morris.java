package org.tumen.batch;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.stat.descriptive.moment.StandardDeviation;
import org.tumen.engine.RandomStream;

/**
 * Morris elementary effects (Morris 1991, Technometrics 33:161), screened by mu* (Campolongo, Cariboni and
 * Saltelli 2007, Environ. Model. Softw. 22:1509): the mean absolute change of the output when one factor
 * moves by Delta of its prior range, the others held at random grid points.
 *
 * <p>Each of the {@code r} trajectories starts at a random point of a {@code p}-level grid and moves one
 * factor at a time, in random order and direction, by Delta = p / (2 (p - 1)): k + 1 runs per trajectory, all
 * with the trajectory's seed. Trajectories are drawn at random (Campolongo's selection of the most spread
 * trajectories out of many is not done).
 */
public final class Morris {
  private Morris() {}

  /** A Morris design; run {@code t * (k + 1) + j} is step j of trajectory t. */
  public record Design(List<SensitivityDesign.Factor> factors, int trajectories, int levels, List<double[]> points)
      implements SensitivityDesign {
    @Override
    public int seedOffset(int run) {
      return run / (factors.size() + 1);
    }

    public double delta() {
      return levels / (2.0 * (levels - 1));
    }
  }

  /** The elementary effects of one factor, in output units per whole prior range. */
  public record Index(String factor, double muStar, double mu, double sigma, int effects) {}

  public static Design design(List<SensitivityDesign.Factor> factors, int trajectories, int levels, long seed) {
    if (factors.isEmpty()) throw new IllegalArgumentException("no factors to vary");
    if (levels < 2 || levels % 2 != 0) throw new IllegalArgumentException("levels must be even and at least 2, got " + levels);
    if (trajectories < 2) throw new IllegalArgumentException("at least 2 trajectories are needed, got " + trajectories);
    int k = factors.size();
    double delta = levels / (2.0 * (levels - 1));
    RandomStream random = new RandomStream();
    List<double[]> points = new ArrayList<>();
    for (int t = 0; t < trajectories; t++) {
      random.reset(seed, 0x4D6F72726973L, t, 0); // "Morris": a stream of its own
      // Base levels in the lower half of the grid, so that x + Delta stays inside [0, 1].
      double[] x = new double[k];
      int[] direction = new int[k];
      for (int i = 0; i < k; i++) {
        double base = random.nextInt(levels / 2) / (double) (levels - 1);
        direction[i] = random.bernoulli(0.5) ? 1 : -1;
        x[i] = direction[i] > 0 ? base : base + delta; // a step down starts Delta higher
      }
      int[] order = permutation(k, random);
      points.add(x.clone());
      for (int i : order) {
        x[i] += direction[i] * delta;
        points.add(x.clone());
      }
    }
    return new Design(List.copyOf(factors), trajectories, levels, points);
  }

  private static int[] permutation(int k, RandomStream random) {
    int[] p = new int[k];
    for (int i = 0; i < k; i++) p[i] = i;
    for (int i = k - 1; i > 0; i--) { // Fisher-Yates
      int j = random.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /** The indices from the outputs {@code y} of the design's runs (in run order). */
  public static List<Index> indices(Design d, double[] y) {
    int k = d.factors().size();
    if (y.length != d.points().size()) throw new IllegalArgumentException("expected " + d.points().size() + " outputs, got " + y.length);
    double[][] effects = new double[k][d.trajectories()];
    for (int t = 0; t < d.trajectories(); t++) {
      for (int j = 0; j < k; j++) {
        int run = t * (k + 1) + j;
        double[] before = d.points().get(run), after = d.points().get(run + 1);
        int moved = movedFactor(before, after);
        effects[moved][t] = (y[run + 1] - y[run]) / (after[moved] - before[moved]);
      }
    }
    List<Index> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double[] e = effects[i];
      double mu = 0, muStar = 0;
      for (double v : e) {
        mu += v / e.length;
        muStar += Math.abs(v) / e.length;
      }
      out.add(new Index(d.factors().get(i).name(), muStar, mu, new StandardDeviation().evaluate(e), e.length));
    }
    return out;
  }

  private static int movedFactor(double[] before, double[] after) {
    for (int i = 0; i < before.length; i++) if (before[i] != after[i]) return i;
    throw new IllegalStateException("a Morris step that moves no factor");
  }
}
