package org.tumen.engine;

/**
 * A small, fast generator whose whole state is one long, seeded from (run seed, stream, entity, counter).
 *
 * <p>Deriving every stream from a key rather than sharing one generator is what makes a run identical at
 * any thread count: an agent's draws depend only on who it is and what it is doing, never on which
 * thread got there first. The generator is SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable
 * pseudorandom number generators"); keys are mixed with the same finaliser.
 *
 * <p>Instances are mutable and not thread-safe: reseed one per worker with {@link #reset}.
 */
public final class RandomStream {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  public RandomStream() {}

  public RandomStream(long seed, long stream, long entity, long counter) {
    reset(seed, stream, entity, counter);
  }

  /** Re-seeds this generator for the given key, without allocating. */
  public RandomStream reset(long seed, long stream, long entity, long counter) {
    return reset(key(seed, stream), entity, counter);
  }

  /** The part of a key that depends on the seed and stream only; compute it once, then reset from it. */
  public static long key(long seed, long stream) {
    long h = mix(seed ^ GOLDEN);
    return mix(h ^ (stream * 0xD1B54A32D192ED03L));
  }

  /** Same as {@link #reset(long, long, long, long)} with {@code key = key(seed, stream)}: two mixes fewer. */
  public RandomStream reset(long key, long entity, long counter) {
    long h = mix(key ^ (entity * 0xABC98388FB8FAC03L));
    state = mix(h ^ (counter * 0x8CB92BA72F3D8DD7L));
    return this;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform on [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform on (0, 1], safe to take the logarithm of. */
  public double nextOpenDouble() {
    return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  public boolean bernoulli(double p) {
    return nextDouble() < p;
  }

  /** Exponential waiting time with the given rate (per day); infinite when the rate is zero. */
  public double exponential(double rate) {
    if (rate <= 0) return Double.POSITIVE_INFINITY;
    return -Math.log(nextOpenDouble()) / rate;
  }

  public double normal() {
    // Marsaglia polar method; one value kept simple (the other is discarded) to keep state a single long.
    double u, v, s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the usual boost for shape below one. */
  public double gamma(double shape) {
    if (shape < 1) {
      return gamma(shape + 1) * Math.pow(nextOpenDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x, v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = nextOpenDouble();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  public double beta(double a, double b) {
    double x = gamma(a);
    return x / (x + gamma(b));
  }

  /**
   * An exact binomial draw in O(log n) steps for large n (Devroye 1986, "Non-Uniform Random Variate
   * Generation", ch. X.4: split on the median order statistic of n uniforms, which is beta distributed),
   * and by counting geometric gaps when few successes are expected.
   */
  public long binomial(long n, double p) {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - binomial(n, 1 - p);
    long offset = 0;
    while (n * p > 64) {
      long i = (n + 1) / 2;
      double x = beta(i, n + 1 - i);
      if (x <= p) {
        offset += i;
        n -= i;
        p = (p - x) / (1 - x);
      } else {
        n = i - 1;
        p = p / x;
      }
    }
    return offset + binomialByGaps(n, p);
  }

  private long binomialByGaps(long n, double p) {
    // Successes are the positions where geometric gaps land inside n trials.
    double logQ = Math.log1p(-p);
    long count = 0;
    double position = 0;
    while (true) {
      position += Math.floor(Math.log(nextOpenDouble()) / logQ) + 1;
      if (position > n) return count;
      count++;
    }
  }

  /** Poisson(mean) by counting exponential gaps; callers use it for small means only. */
  public int poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 500) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    }
    int k = 0;
    double t = exponential(1);
    while (t < mean) {
      k++;
      t += exponential(1);
    }
    return k;
  }
}
