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
import org.tumen.batch.Ensemble;
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
  /** Finished jobs remembered for GET /api/jobs; older ones are forgotten (their results stay in the store). */
  static final int MAX_KEPT = 500;
  /** Heap a run needs per individual agent, with room to spare (a 10-million-agent run fits in 8 GiB). */
  static final long BYTES_PER_AGENT = 600;

  /**
   * What a job may take. {@code maxWaiting}: jobs queued or running before new ones get 429;
   * {@code maxAgents}: individual agents a job's simultaneous runs may hold together (0: from the heap).
   */
  record Limits(int maxWaiting, long maxAgents) {
    long agentsPerRun(int simultaneousRuns) {
      long budget = maxAgents > 0 ? maxAgents : Runtime.getRuntime().maxMemory() / BYTES_PER_AGENT;
      return Math.max(1, budget / Math.max(1, simultaneousRuns));
    }
  }

  enum Status {
    queued, running, done, failed, cancelled;

    boolean terminal() {
      return this != queued && this != running;
    }
  }

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
    volatile MemberRun.AgentCap overLimit; // the cap a run exceeded, if any
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
  private final Limits limits;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Jobs.class);
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong recorded = new AtomicLong();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tumen-web-jobs");
    t.setDaemon(true);
    return t;
  });

  Jobs(Scenarios catalog, ResultsStore store, int threads, Limits limits) {
    this.catalog = catalog;
    this.store = store;
    this.threads = threads;
    this.limits = limits;
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
      scenarios.add(DatedLever.apply(s, v.dated(), "dated levers of " + v.label()));
    }
    long waiting = jobs.values().stream().filter(j -> !j.status.terminal()).count();
    if (waiting >= limits.maxWaiting()) {
      throw new ApiException(429, "the server has " + waiting + " jobs queued or running (at most "
          + limits.maxWaiting() + "); try again when one has finished");
    }
    Job job = new Job(ids.incrementAndGet(), plan, scenarios);
    jobs.put(job.id, job);
    forgetOldJobs();
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

  /** How many results this server has recorded: changes whenever the store gains one of ours. */
  long recorded() {
    return recorded.get();
  }

  /** Jobs the server remembers, by status (for GET /api/status). */
  synchronized Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Status st : Status.values()) out.put(st.name(), 0L);
    for (Job j : jobs.values()) out.merge(j.status.name(), 1L, Long::sum);
    out.put("submitted", ids.get());
    return out;
  }

  /** Asks a job to stop; a queued job never starts, a running one stops within a simulated day. */
  synchronized View cancel(long id) {
    Job j = find(id);
    j.cancel.set(true);
    if (j.status == Status.queued) j.status = Status.cancelled;
    return j.view();
  }

  /** Keeps the job list (and the server's memory) bounded under a stream of submissions. */
  private void forgetOldJobs() {
    long finished = jobs.values().stream().filter(j -> j.status.terminal()).count();
    var it = jobs.values().iterator(); // oldest first
    while (finished > MAX_KEPT && it.hasNext()) {
      if (it.next().status.terminal()) {
        it.remove();
        finished--;
      }
    }
  }

  /** Moves a job on; under the lock so that a job reaches exactly one terminal state, once. */
  private synchronized boolean move(Job job, Status from, Status to) {
    if (job.status != from) return false;
    job.status = to;
    return true;
  }

  private Job find(long id) {
    Job j = jobs.get(id);
    if (j == null) throw ApiException.notFound("no job " + id);
    return j;
  }

  private void execute(Job job) {
    if (job.cancel.get() || !move(job, Status.queued, Status.running)) return;
    Status end;
    try {
      job.resultId = runAndRecord(job);
      recorded.incrementAndGet();
      end = Status.done;
    } catch (Engine.Cancelled e) {
      MemberRun.AgentCap cap = job.overLimit;
      job.error = cap == null ? null : "stopped: a run made more than " + String.format("%,d", cap.cap)
          + " people individual agents, this server's limit per run (memory); lower the crossing levers, "
          + "ask for fewer runs, or run it with the command line";
      end = cap == null ? Status.cancelled : Status.failed;
    } catch (InvalidInputException e) {
      job.error = e.getMessage();
      end = Status.failed;
    } catch (OutOfMemoryError e) {
      job.error = "the server ran out of memory; ask for fewer runs or lower the crossing levers";
      end = Status.failed;
    } catch (RuntimeException | Error e) {
      LOG.error("job {} failed", job.id, e);
      job.error = "internal error (a bug; the server log has the details): " + e.getClass().getSimpleName();
      end = Status.failed;
    }
    move(job, Status.running, end);
  }

  /** A cap for one run of {@code job}; the job remembers it when it trips. */
  private MemberRun.AgentCap capFor(Job job, int simultaneousRuns) {
    MemberRun.AgentCap cap = new MemberRun.AgentCap(limits.agentsPerRun(simultaneousRuns)) {
      @Override
      boolean exceeded() {
        if (!super.exceeded()) return false;
        job.overLimit = this;
        return true;
      }
    };
    return cap;
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
      RunSummary r = MemberRun.run(s, s.dir().toString(), 0, seed, v.overrides(), threads, progress, job.cancel::get,
          capFor(job, 1));
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
      // A calibrated scenario's runs cycle through its posterior draws; the levers the user set win.
      List<Map<String, Double>> draws = s.posterior() == null ? List.of() : s.posterior().draws(null);
      tasks.addAll(Ensemble.tasks(v.scenario(), plan.runs(), base, v.overrides(), draws, tasks.size()));
    }
    LocalExecutor executor = new LocalExecutor(threads);
    List<RunSummary> runs = executor.execute(tasks, task -> {
      int vi = task.index() / plan.runs(); // tasks are variant by variant
      JobRequest.Variant v = plan.variants().get(vi);
      Scenario s = job.scenarios.get(vi);
      RunSummary r = MemberRun.run(s, labelOf(plan, v, s), task.index(), task.seed(), task.parameters(), 1, progress,
          job.cancel::get, capFor(job, Math.min(threads, plan.total())));
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
