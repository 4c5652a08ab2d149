package org.tumen.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.TaskRunner;

/**
 * Runs a batch on Apache Spark: the tasks become an RDD split into partitions of a few tasks each, every
 * partition runs its tasks with the (serializable) {@link TaskRunner}, and the summaries are collected back
 * in task order. Each run depends only on its task, so the results equal the local executor's.
 *
 * <p>The Spark context starts on first use (it takes a few seconds) and stops on {@link #close}. Under
 * spark-submit, the master that spark-submit was given wins over the one passed here.
 */
public final class SparkExecutor implements BatchExecutor {
  /** Partitions per Spark core when none is asked for: enough to balance uneven runs, few enough to be cheap. */
  private static final int PARTITIONS_PER_CORE = 8;

  private final String master;
  private final int partitions;
  private JavaSparkContext context;

  /** An executor on the given Spark master ({@code local[2]}, {@code spark://host:7077}, ...). */
  public SparkExecutor(String master) {
    this(master, 0);
  }

  /**
   * @param partitions how many partitions to cut a batch into; 0 for {@value #PARTITIONS_PER_CORE} per core
   *     (never more than one per task)
   */
  public SparkExecutor(String master, int partitions) {
    if (partitions < 0) throw new IllegalArgumentException("partitions must not be negative: " + partitions);
    this.master = master;
    this.partitions = partitions;
  }

  @Override
  public List<RunSummary> execute(List<RunTask> tasks, TaskRunner runner, Progress progress) {
    if (tasks.isEmpty()) return List.of();
    JavaSparkContext sc = context();
    int slices = Math.min(tasks.size(),
        partitions > 0 ? partitions : sc.defaultParallelism() * PARTITIONS_PER_CORE);
    TaskProgress listener = progress == null ? null : new TaskProgress(tasks.size(), slices, progress);
    if (listener != null) sc.sc().addSparkListener(listener);
    try {
      // parallelize keeps list order in its partitions and collect keeps partition order: task order.
      List<RunSummary> summaries = sc.parallelize(new ArrayList<>(tasks), slices).map(runner::run).collect();
      if (listener != null) listener.finish();
      return summaries;
    } catch (Exception e) { // Spark throws its checked SparkException from Scala, undeclared
      throw unwrap(e);
    } finally {
      if (listener != null) sc.sc().removeSparkListener(listener);
    }
  }

  /** A task's own exception (a bad scenario, say) rather than Spark's wrapper, as the local executor throws. */
  private static RuntimeException unwrap(Exception e) {
    if (e instanceof SparkException && e.getCause() instanceof RuntimeException cause) return cause;
    if (e instanceof RuntimeException r) return r;
    return new IllegalStateException("the Spark batch failed: " + e.getMessage(), e);
  }

  private JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf().setAppName("tumen");
      if (!conf.contains("spark.master")) conf.setMaster(master); // spark-submit sets spark.master
      conf.setIfMissing("spark.ui.enabled", "false"); // no web UI for a batch of simulations
      conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // the CLI draws its own progress bar
      if (conf.get("spark.master").startsWith("local")) {
        // In process there is no network to speak of: stay on loopback, whatever the host name resolves to.
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      } else if (!conf.contains("spark.jars")) {
        // Executors on a cluster need Tumen's classes: ship the jar this class was loaded from, which is the
        // self-contained tumen-spark-VERSION-submit.jar when the driver runs with it (docs/STORE.md).
        conf.setJars(JavaSparkContext.jarOfClass(SparkExecutor.class));
      }
      context = new JavaSparkContext(new SparkContext(conf));
      context.setLogLevel("WARN");
    }
    return context;
  }

  @Override
  public String describe() {
    return "spark:" + master;
  }

  @Override
  public void close() {
    if (context != null) {
      context.stop();
      context = null;
    }
  }

  /**
   * Counts finished tasks for the progress callback. Spark reports per partition; partition i holds tasks
   * [i * n / slices, (i + 1) * n / slices), the split that {@code parallelize} makes.
   */
  private static final class TaskProgress extends SparkListener {
    private final int total;
    private final int slices;
    private final Progress progress;
    private int done;
    private boolean finished;

    TaskProgress(int total, int slices, Progress progress) {
      this.total = total;
      this.slices = slices;
      this.progress = progress;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      if (finished || !end.taskInfo().successful()) return;
      int i = end.taskInfo().index();
      done = Math.min(total, done + (int) ((long) (i + 1) * total / slices - (long) i * total / slices));
      progress.taskDone(done, total);
    }

    /** Spark tells listeners asynchronously: the batch may be back before the last events are. */
    synchronized void finish() {
      if (done < total) progress.taskDone(total, total);
      finished = true;
    }
  }
}
