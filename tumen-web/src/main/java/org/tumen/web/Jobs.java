package org.tumen.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tumen.Tumen;
import org.tumen.batch.LocalExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.engine.Engine;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import org.tumen.store.BatchMeta;
import org.tumen.store.Kind;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunMeta;

/**
 * Background jobs: one at a time (the machine's cores go to the job's simulations), a short queue, progress
 * in days simulated, cancellation polled once a simulated day. Finished results go to the results store;
 * a job then points at its stored id.
 */
final class Jobs implements AutoCloseable {
  static final int MAX_QUEUED = 8;

  enum Status { queued, running, done, failed, cancelled }

  /** What {@code GET /api/jobs/{id}} answers. */
  record View(long id, String kind, String status, double progress, int runs, int runsDone, Long resultId,
      String error, String created) {}

  private final class Job {
    final long id;
    final JobRequest.Plan plan;
    final List<Scenario> scenarios;
    final AtomicBoolean cancel = new AtomicBoolean();
    final AtomicLong daysDone = new AtomicLong();
    final AtomicInteger runsDone = new AtomicInteger();
    final Instant created = Instant.now();
    volatile Status status = Status.queued;
    volatile Long resultId;
    volatile String error;

    Job(long id, JobRequest.Plan plan, List<Scenario> scenarios) {
      this.id = id;
      this.plan = plan;
      this.scenarios = scenarios;
    }

    View view() {
      long days = 0;
      for (Scenario s : scenarios) days += (long) s.calendar().days() * plan.runs();
      double progress = status == Status.done ? 1 : Math.min(0.999, daysDone.get() / (double) Math.max(1, days));
      return new View(id, plan.kind(), status.name(), progress, plan.total(), runsDone.get(), resultId, error,
          created.toString());
    }
  }

  private final Scenarios catalog;
  private final ResultsStore store;
  private final int threads;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tumen-web-jobs");
    t.setDaemon(true);
    return t;
  });

  Jobs(Scenarios catalog, ResultsStore store, int threads) {
    this.catalog = catalog;
    this.store = store;
    this.threads = threads;
  }

  /** Checks the request completely (scenarios, lever names and values) and queues it. */
  synchronized View submit(JobRequest request) {
    JobRequest.Plan plan = request.plan();
    List<Scenario> scenarios = new ArrayList<>();
    for (JobRequest.Variant v : plan.variants()) {
      Scenario s = catalog.get(v.scenario());
      try {
        s.parameters().withOverrides(v.overrides(), "levers of " + v.label());
      } catch (InvalidInputException e) {
        throw ApiException.of(e);
      }
      scenarios.add(s);
    }
    long waiting = jobs.values().stream().filter(j -> j.status == Status.queued || j.status == Status.running).count();
    if (waiting >= MAX_QUEUED) throw new ApiException(429, "the server has " + waiting + " jobs waiting; try later");
    Job job = new Job(ids.incrementAndGet(), plan, scenarios);
    jobs.put(job.id, job);
    worker.submit(() -> execute(job));
    return job.view();
  }

  synchronized View get(long id) {
    return find(id).view();
  }

  synchronized List<View> list() {
    List<View> out = new ArrayList<>(jobs.values().stream().map(Job::view).toList());
    java.util.Collections.reverse(out); // newest first
    return out;
  }

  /** Asks a job to stop; a queued job never starts, a running one stops within a simulated day. */
  synchronized View cancel(long id) {
    Job j = find(id);
    j.cancel.set(true);
    if (j.status == Status.queued) j.status = Status.cancelled;
    return j.view();
  }

  private Job find(long id) {
    Job j = jobs.get(id);
    if (j == null) throw ApiException.notFound("no job " + id);
    return j;
  }

  private void execute(Job job) {
    if (job.cancel.get()) return;
    job.status = Status.running;
    try {
      job.resultId = runAndRecord(job);
      job.status = Status.done;
    } catch (Engine.Cancelled e) {
      job.status = Status.cancelled;
    } catch (InvalidInputException e) {
      job.error = e.getMessage();
      job.status = Status.failed;
    } catch (RuntimeException e) {
      job.error = "internal error: " + e;
      job.status = Status.failed;
    }
  }

  private long runAndRecord(Job job) {
    JobRequest.Plan plan = job.plan;
    long t0 = System.nanoTime();
    Engine.Progress progress = (day, days) -> job.daysDone.incrementAndGet();
    String note = noteOf(plan);
    if (plan.total() == 1) {
      Scenario s = job.scenarios.get(0);
      JobRequest.Variant v = plan.variants().get(0);
      long seed = plan.seed() != null ? plan.seed() : s.seed();
      RunSummary r = MemberRun.run(s, s.dir().toString(), 0, seed, v.overrides(), threads, progress, job.cancel::get);
      job.runsDone.incrementAndGet();
      return store.recordRun(new RunMeta(Tumen.VERSION, s.contentHash(), threads, note), r);
    }
    // Many runs: one simulation per thread. Each task polls the job's cancel flag through the engine.
    List<RunTask> tasks = new ArrayList<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (int vi = 0; vi < plan.variants().size(); vi++) {
      JobRequest.Variant v = plan.variants().get(vi);
      Scenario s = job.scenarios.get(vi);
      hashes.put(labelOf(plan, v, s), s.contentHash());
      long base = plan.seed() != null ? plan.seed() : s.seed();
      for (int i = 0; i < plan.runs(); i++) tasks.add(new RunTask(tasks.size(), v.scenario(), base + i, -1, v.overrides()));
    }
    LocalExecutor executor = new LocalExecutor(threads);
    List<RunSummary> runs = executor.execute(tasks, task -> {
      int vi = task.index() / plan.runs(); // tasks are variant by variant
      JobRequest.Variant v = plan.variants().get(vi);
      Scenario s = job.scenarios.get(vi);
      RunSummary r = MemberRun.run(s, labelOf(plan, v, s), task.index(), task.seed(), task.parameters(), 1, progress,
          job.cancel::get);
      job.runsDone.incrementAndGet();
      return r;
    }, null);
    Kind kind = plan.kind().equals("compare") ? Kind.COMPARE : Kind.ENSEMBLE;
    double wall = (System.nanoTime() - t0) / 1e9;
    return store.recordBatch(new BatchMeta(kind, Tumen.VERSION, hashes, executor.describe(), 1, wall, note), runs);
  }

  /** The store's scenario column: the path for one scenario, the variant's label in a comparison. */
  static String labelOf(JobRequest.Plan plan, JobRequest.Variant v, Scenario s) {
    return plan.kind().equals("compare") ? v.label() : s.dir().toString();
  }

  /** The request, kept as the stored row's note, so that a result knows its variants and levers. */
  private String noteOf(JobRequest.Plan plan) {
    try {
      return json.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      for (Job j : jobs.values()) j.cancel.set(true);
    }
    worker.shutdownNow();
  }
}
