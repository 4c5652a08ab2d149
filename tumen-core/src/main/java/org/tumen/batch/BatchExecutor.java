package org.tumen.batch;

import java.util.List;

/**
 * Runs many independent simulations. Implementations: {@link LocalExecutor} (threads on this machine)
 * and, in the tumen-spark module, Apache Spark. Any executor returns the same summaries for the same
 * tasks, because each run depends only on its task.
 */
public interface BatchExecutor extends AutoCloseable {
  /** Told after each finished task; may be called from any thread. */
  interface Progress {
    void taskDone(int done, int total);
  }

  /** Runs every task and returns their summaries in task order. */
  List<RunSummary> execute(List<RunTask> tasks, TaskRunner runner, Progress progress);

  String describe();

  @Override
  default void close() {}
}
