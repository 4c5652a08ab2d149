package org.tumen.batch;

import java.util.ServiceLoader;

/**
 * Makes an executor for a master URL such as {@code local[2]} or {@code spark://host:7077}. Executors in
 * optional modules (Spark) register themselves in META-INF/services, so the core needs no dependency on
 * them; they are found when their jars are on the class path.
 */
public interface BatchExecutorFactory {
  /** True when this factory understands the master URL. */
  boolean accepts(String master);

  BatchExecutor create(String master, int threads);

  /** The factory for a Spark master URL, if the Spark module is on the class path. */
  static BatchExecutor forSpark(String master, int threads) {
    for (BatchExecutorFactory f : ServiceLoader.load(BatchExecutorFactory.class)) {
      if (f.accepts(master)) return f.create(master, threads);
    }
    throw new IllegalStateException("no executor for '" + master + "': the Spark module is not on the class path"
        + " (build it with: mvn -Pspark -DskipTests package)");
  }
}
