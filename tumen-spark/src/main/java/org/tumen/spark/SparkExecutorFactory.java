package org.tumen.spark;

import java.util.regex.Pattern;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.BatchExecutorFactory;

/**
 * Makes {@link SparkExecutor}s; registered in META-INF/services so that the core finds it when this module's
 * jar is on the class path.
 *
 * <p>Master URLs are Spark's own: {@code local}, {@code local[2]}, {@code local[*]}, {@code spark://host:7077},
 * {@code yarn}, {@code k8s://...}. A {@code spark:} prefix is allowed ({@code spark:local[2]}), so that a
 * master can be told apart from other executors where one option names both. A bare {@code local} takes
 * the {@code threads} given.
 */
public final class SparkExecutorFactory implements BatchExecutorFactory {
  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");

  @Override
  public boolean accepts(String master) {
    return masterUrl(master, 1) != null;
  }

  @Override
  public BatchExecutor create(String master, int threads) {
    String url = masterUrl(master, threads);
    if (url == null) throw new IllegalArgumentException("not a Spark master URL: " + master);
    return new SparkExecutor(url);
  }

  /** The Spark master URL meant, or null when this is not one. */
  static String masterUrl(String given, int threads) {
    if (given == null) return null;
    String m = given.trim();
    if (m.startsWith("spark:") && !m.startsWith("spark://")) m = m.substring("spark:".length());
    if (m.equals("local")) return "local[" + Math.max(1, threads) + "]";
    if (LOCAL.matcher(m).matches()) return m;
    if (m.startsWith("spark://") || m.startsWith("k8s://") || m.equals("yarn")) return m;
    return null;
  }
}
