package org.tumen.korea;

import static org.tumen.korea.KState.*;

import java.util.Arrays;
import java.util.List;
import org.tumen.engine.DayCalendar;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.Model;
import org.tumen.engine.PlaceGraph;
import org.tumen.engine.RandomStream;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;
import org.tumen.engine.Workers;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Scenario;
import org.tumen.scenario.Schedule;

/**
 * The Korea rules, event-driven. People at home are cohorts; each day each cohort's death process says how
 * many of them cross, and each crosser becomes an individual agent in primitive arrays. An agent is not tested
 * every day: when it enters a state, the time to its next transition is drawn from the competing hazards
 * of that state (constant within an epoch of the {@link Schedule}), and the agent sleeps in the
 * {@link DayCalendar} until then. When an epoch changes a hazard the agent depends on, the draw is
 * simply redone at the epoch start, which is exact for exponential waiting times.
 *
 * <p>Determinism: an agent's random numbers come from (seed, agent, its own draw counter) and a cohort's
 * from (seed, cohort, its draw counter); the day's work is cut into tasks whose sizes never change what
 * they do (never "one per thread"), and their events and reschedules are merged in a fixed order. So the
 * output is the same at any thread count.
 *
 * <p>A day has three phases (see {@link #step}): crossings from home, the due agents, then the people
 * who cross again today. Only camp places are shared between crossers, and taken in crossing order, so a
 * crossing phase runs one crosser at a time only while a camp has room; once the camps are full no
 * later crosser of that phase can enter one, and the rest run in parallel tasks.
 */
final class KoreaModel implements Model {
  private static final double DAYS_PER_YEAR = 365.25;
  private static final int NEVER = Integer.MAX_VALUE;
  /**
   * Due agents per chunk. A chunk is a unit of the model, not of threads: people who cross again cross
   * chunk by chunk, each seeing the arrivals and camp exits of the chunks before it, so changing this
   * changes results (a little). It is fixed, never "one per thread". Tests shrink it.
   */
  static int chunkSize = 4096;
  /**
   * Due agents per parallel task; a chunk is merged from its tasks, in order. Does not change results.
   * Small, because most days of a historical run are small (docs/PERFORMANCE.md measures 32 to 128).
   */
  static int taskSize = 64;
  /** About the most tasks of due agents a day is cut into; a bigger day has bigger tasks. */
  private static final int MAX_TASKS = 256;
  /** Crossers per parallel task in the crossing phases. Does not change results. Tests shrink it. */
  static int crossTask = 256;
  /**
   * A phase with less work than this (agents) runs on the calling thread: handing it to the team costs
   * more than it saves. Where a task runs never changes what it does. Tests set it to zero.
   */
  static int parallelMin = 128;
  /** Agents whose records are loaded ahead of processing them (about the misses a core keeps in flight). */
  private static final int PREFETCH = 32;
  private static final long STREAM_AGENT = 1, STREAM_COHORT = 2;

  // Actions: what happens when an agent's due day comes.
  private static final byte A_REDRAW = 0, A_END = 1, A_ARREST = 2, A_MOVE = 3, A_BROKER = 4, A_MISSION = 5,
      A_RETURN = 6, A_DIE = 7, A_INTEGRATE = 8, A_CONTACT = 9, A_CROSS = 10, A_EXIT = 11, A_CAMP_LEAVE = 12,
      A_CAMP_REPATRIATE = 13;

  // Flag bits.
  private static final int F_FEMALE = 1, F_POLITICAL_MOTIVE = 1 << 3, F_CONTACT = 1 << 4, F_INTEGRATED = 1 << 5,
      F_POLITICAL_CASE = 1 << 6, F_CAUGHT = 1 << 7;

  private final SimCalendar cal;
  private final int days;
  private final Vocabulary vocabulary;
  private final Schedule schedule;
  private final Sentencing sentencing;
  private final KoreaGeography geo;
  /** RandomStream keys of (seed, stream), worked out once: each agent's draw then costs two mixes, not four. */
  private final long agentKey, cohortKey;
  private final Cohorts cohorts;
  private final long[] remaining;
  private final double[] cohortDistance;
  /** Per cohort: each member's crossing hazard per day in this epoch, and when the next member crosses. */
  private final double[] cohortHazard;
  private final double[] cohortNext;
  private final long[] cohortDraws;
  private final long initialPeople;
  /** nextChange[state][epoch]: first day from which a hazard of that state differs, or NEVER. */
  private final int[][] nextChange;
  /** newYear[day]: the day is a 1 January. */
  private final boolean[] newYear;
  /** yearOf[day]: the calendar year, looked up rather than computed each day. */
  private final int[] yearOf;

  // Agents: one slot per person who ever crossed, as a record of W ints in one array. A visit to a random
  // agent then touches one cache line instead of one per field (the run is bound by these misses): 16-byte
  // records never straddle two lines, as 20-byte ones did in one visit of four. Word 0 the due day (bits
  // 0-15) and the end of a fixed stay (16-31), each NO_DAY for never; 1 draw counter; 2 the small fields
  // (bits 0-7 state, 8-11 action, 12-19 flags, 20-26 visits, 27-28 class background, 29-30 route);
  // 3 place (short) | home << 16.
  private static final int W = 4, O_DAYS = 0, O_DRAWS = 1, O_BYTES = 2, O_PLACES = 3;
  /** A day that does not come in the run, as the agent record stores it; so a run has at most MAX_DAYS. */
  private static final int NO_DAY = 0xFFFF;
  static final int MAX_DAYS = NO_DAY;
  private int n;
  private int[] ag = new int[1024 * W];
  /** The most agents one array holds. */
  private static final int MAX_AGENTS = (Integer.MAX_VALUE - 16) / W;
  private final DayCalendar calendar;

  // Per-epoch values, read by all workers, written only between days.
  private double[] v = new double[P.COUNT];
  private int epoch = -1;
  private int sentencePeriod;
  // Rate terms with a Math.pow, worked out once per epoch (or year) instead of at every draw.
  private double bribePay;
  /** recrossRate[epoch]: the hazard (per day) of crossing again for a person back home. */
  private final double[] recrossRate;
  /** brokerSeek[epoch]: the broker-seeking rate (per year) under this year's feedbacks. */
  private final double[] brokerSeek;
  private int yearOfFeedback = Integer.MIN_VALUE;
  // Feedbacks from the model's own history, refreshed each 1 January.
  private long arrivedTotal;
  private double chainFactor = 1;
  private double caughtShare;
  private long departuresThisYear, caughtThisYear;
  private long campCount;
  private long active;
  private long agentDays;

  /** The current day's tasks of due agents, and its crossing segments (both in merge order). */
  private Chunk[] dueTasks = new Chunk[0];
  private Chunk[] segments = new Chunk[0];
  private int segmentN;
  /** Crossers per segment today: {@link #crossTask}, or all of a phase's when the team is one thread. */
  private int segmentSize;
  /** Indices (into {@link #segments}) of the segments still to run as parallel tasks. */
  private int[] pending = new int[16];
  private int pendingN, pendingCrossers;
  /** Today's crossers from home: cohort c's are agents newStart[c] to newStart[c + 1] - 1. */
  private final int[] newStart;
  /** Runs of neighbouring cohorts counted as one task: b covers blockStart[b] to blockStart[b + 1] - 1. */
  private static final int COUNT_TASKS = 4;
  private final int[] blockStart = new int[COUNT_TASKS + 1];
  /** For the cohorts' draws when hazards change (the day's crossings draw in their own tasks). */
  private final RandomStream epochRng = new RandomStream();

  /**
   * A unit of a day's work with its private scratch and results: a task of due agents, or a segment of
   * crossers. Results (events, reschedules, counters) are merged in a fixed order, never as they finish.
   */
  private static final class Chunk {
    /** Scratch, set by {@link #takeScratch} before each use. */
    RandomStream rng;
    final EventBuffer events = new EventBuffer();
    int[] resAgent = new int[64];
    int[] resDay = new int[64];
    int resN;
    int[] crossers = new int[16];
    int crossN;
    long arrived, departures, caught, campLeft, absorbed;
    /** False for due agents' tasks: a crossing met there waits for the crossing phase. */
    boolean mayCross;
    /** Arrivals in South Korea so far as this chunk's crossers see them (the contact rate reads it). */
    long arrivedSeen;
    /** A crossing segment's crossers: agents from..to-1 (src null: new crossers) or src[from..to-1]. */
    int[] src;
    /** A segment run in parallel: the camps were full when its turn came, so it must not read the count. */
    boolean campsFull;
    int from, to;
    int[] days;
    double[] rates;
    byte[] acts;
    /** Sink for the prefetching loads, so the JIT cannot drop them. */
    int touched;

    /**
     * New scratch (random stream, rates), allocated by the thread that runs this part. They are written at
     * every draw, and chunks made together lie side by side in memory: scratch that two threads write
     * must not share a cache line (this doubled the time of some two-thread runs).
     */
    void takeScratch() {
      rng = new RandomStream();
      days = new int[1];
      rates = new double[8];
      acts = new byte[8];
    }

    void clear() {
      events.clear();
      resN = 0;
      crossN = 0;
      arrived = departures = caught = campLeft = absorbed = 0;
    }

    void reschedule(int a, int day) {
      if (resN == resAgent.length) {
        resAgent = Arrays.copyOf(resAgent, resN * 2);
        resDay = Arrays.copyOf(resDay, resN * 2);
      }
      resAgent[resN] = a;
      resDay[resN++] = day;
    }

    void wantsToCross(int a) {
      if (crossN == crossers.length) crossers = Arrays.copyOf(crossers, crossN * 2);
      crossers[crossN++] = a;
    }
  }

  KoreaModel(Scenario s, ParameterSet params, Cohorts cohorts, Sentencing sentencing, KoreaGeography geo, long seed) {
    this.cal = s.calendar();
    this.days = cal.days();
    if (days > MAX_DAYS) throw new IllegalArgumentException("the Korea rules run at most " + MAX_DAYS + " days");
    this.sentencing = sentencing;
    this.geo = geo;
    this.agentKey = RandomStream.key(seed, STREAM_AGENT);
    this.cohortKey = RandomStream.key(seed, STREAM_COHORT);
    this.cohorts = cohorts;
    this.schedule = Schedule.compile(cal, params, s.timeline(), P.names());
    this.remaining = cohorts.people().clone();
    this.initialPeople = cohorts.total();
    this.cohortDistance = new double[cohorts.size()];
    this.cohortHazard = new double[cohorts.size()];
    this.cohortNext = new double[cohorts.size()];
    this.cohortDraws = new long[cohorts.size()];
    this.calendar = new DayCalendar(days);
    this.newStart = new int[cohorts.size() + 1];
    List<String> places = s.places().places().stream().map(PlaceGraph.Place::name).toList();
    this.vocabulary = new Vocabulary(KState.NAMES, KCause.NAMES, places);
    this.nextChange = changeDays();
    this.recrossRate = new double[schedule.epochs()];
    this.brokerSeek = new double[schedule.epochs()];
    for (int e = 0; e < recrossRate.length; e++) {
      double[] x = schedule.row(e);
      recrossRate[e] = x[P.RECROSS] * x[P.CROSS_PUSH] * Math.pow(Math.max(x[P.GUARD_FLOOR], x[P.GUARD]), -x[P.GUARD_DETERRENCE])
          * (1 / DAYS_PER_YEAR);
    }
    this.newYear = new boolean[days];
    this.yearOf = new int[days];
    for (int d = 0; d < days; d++) {
      java.time.LocalDate date = cal.date(d);
      newYear[d] = date.getDayOfYear() == 1;
      yearOf[d] = date.getYear();
    }
  }

  // ---------------------------------------------------------------- Model

  @Override
  public SimCalendar calendar() {
    return cal;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public long[] census() {
    long[] c = new long[KState.NAMES.size()];
    for (long r : remaining) c[HOME] += r;
    for (int a = 0; a < n; a++) c[state(a)]++;
    return c;
  }

  /** Everyone the scenario started with; the census always sums to this. */
  long initialPeople() {
    return initialPeople;
  }

  @Override
  public long agentDays() {
    return agentDays;
  }

  /**
   * One day, in three phases whose events and reschedules are merged in this order:
   *
   * <ol>
   *   <li>crossings from home: each cohort's death process says how many of its people cross today (cohorts
   *       in parallel on busy days); they become agents, in cohort order, and cross;
   *   <li>the agents due today, in parallel tasks; one whose next step is to cross again is set aside;
   *   <li>those set aside cross, chunk by chunk; people in chunk c see the arrivals and camp exits of
   *       chunks 0 to c.
   * </ol>
   *
   * The new crossers' tasks run alongside the due agents (they touch different agents and read the same
   * start-of-day totals).
   */
  @Override
  public void step(int day, Workers workers, EventBuffer events) {
    enterEpoch(day);
    sentencePeriod = sentencing.period(day);
    segmentN = pendingN = pendingCrossers = 0;
    long arrivedAtStart = arrivedTotal;
    // Alone, a day needs no small tasks (task sizes never change results, see above).
    boolean alone = workers.threads() == 1;
    segmentSize = alone ? Integer.MAX_VALUE : crossTask;

    int first = n;
    int newcomers = countCrossingsFromHome(day, workers);
    ensureCapacity(n + newcomers, day);
    n += newcomers;
    active += newcomers;
    addCrossers(null, first, n, day, arrivedAtStart);
    int newSegments = segmentN;

    int due = calendar.size(day);
    int[] bucket = calendar.bucket(day);
    int perTask = alone ? chunkSize : agentsPerTask(due);
    int nTasks = (due + perTask - 1) / perTask;
    if (dueTasks.length < nTasks) {
      Chunk[] grown = Arrays.copyOf(dueTasks, nTasks);
      for (int i = dueTasks.length; i < nTasks; i++) grown[i] = new Chunk();
      dueTasks = grown;
    }
    int newTasks = pendingN;
    runTasks(workers, newTasks + nTasks, (long) due + pendingCrossers, t -> {
      if (t < newTasks) {
        runSegment(segments[pending[t]], day);
        return;
      }
      int c = t - newTasks;
      Chunk ch = dueTasks[c];
      ch.clear();
      ch.takeScratch();
      ch.mayCross = false;
      ch.arrivedSeen = arrivedAtStart;
      int end = Math.min(due, (c + 1) * perTask);
      int[] ag = this.ag;
      for (int i = c * perTask; i < end; i += PREFETCH) {
        int stop = Math.min(end, i + PREFETCH);
        // Touch the block's agents first in a tight loop of independent loads, so that their cache
        // misses overlap instead of each stalling its agent's processing (Java has no prefetch).
        int touched = 0;
        for (int j = i; j < stop; j++) {
          int k = bucket[j] * W;
          touched |= ag[k];
        }
        ch.touched |= touched;
        for (int j = i; j < stop; j++) {
          int a = bucket[j];
          if (due(a) == day) process(a, day, ch);
        }
      }
    });
    calendar.release(day);
    for (int i = 0; i < newSegments; i++) addTotals(segments[i]);

    // Crossing again, chunk by chunk: adding chunk c's totals (its tasks', in order) first makes its
    // arrivals and camp exits visible to its crossers.
    pendingN = pendingCrossers = 0;
    int perChunk = chunkSize / perTask;
    for (int lo = 0; lo < nTasks; lo += perChunk) {
      int hi = Math.min(nTasks, lo + perChunk);
      for (int t = lo; t < hi; t++) addTotals(dueTasks[t]);
      for (int t = lo; t < hi; t++) addCrossers(dueTasks[t].crossers, 0, dueTasks[t].crossN, day, arrivedTotal);
    }
    // The new crossers' and due agents' events and reschedules are published while people cross again
    // (crossing reads neither the calendar nor the day's events): two serial tasks beside the crossing's.
    long volume = 0;
    for (int i = 0; i < newSegments; i++) volume += segments[i].events.size() + segments[i].resN;
    for (int t = 0; t < nTasks; t++) volume += dueTasks[t].events.size() + dueTasks[t].resN;
    runTasks(workers, 2 + pendingN, pendingCrossers + volume / 8, t -> {
      if (t == 0) {
        for (int i = 0; i < newSegments; i++) publishEvents(segments[i], events);
        for (int i = 0; i < nTasks; i++) publishEvents(dueTasks[i], events);
      } else if (t == 1) {
        for (int i = 0; i < newSegments; i++) publishReschedules(segments[i]);
        for (int i = 0; i < nTasks; i++) publishReschedules(dueTasks[i]);
      } else {
        runSegment(segments[pending[t - 2]], day);
      }
    });
    for (int i = newSegments; i < segmentN; i++) {
      addTotals(segments[i]);
      publishEvents(segments[i], events);
      publishReschedules(segments[i]);
    }
    agentDays += active;
  }

  /**
   * Crossers from..to-1 (agents, or entries of src) cross today in this order. While a camp has room they
   * go one at a time, now: each may take a place. Once the camps are full, nobody after them in this
   * phase can enter one (places are freed only at merges, after it), so the rest become parallel tasks
   * that run later, knowing the camps are full.
   */
  private void addCrossers(int[] src, int from, int to, int day, long arrivedSeen) {
    int i = from;
    if (i < to && campsHaveRoom()) {
      Chunk seg = segment(src, i, i, arrivedSeen);
      seg.takeScratch();
      while (i < to && campsHaveRoom()) crossSegmentMember(seg, i++, day);
      seg.to = i;
    }
    while (i < to) {
      int end = (int) Math.min(to, (long) i + segmentSize);
      Chunk seg = segment(src, i, end, arrivedSeen);
      i = end;
      seg.campsFull = true;
      if (pendingN == pending.length) pending = Arrays.copyOf(pending, pendingN * 2);
      pending[pendingN++] = segmentN - 1;
      pendingCrossers += seg.to - seg.from;
    }
  }

  private boolean campsHaveRoom() {
    return campCount < v[P.CAMP_CAPACITY];
  }

  /** A new crossing segment, appended to today's in merge order. */
  private Chunk segment(int[] src, int from, int to, long arrivedSeen) {
    if (segmentN == segments.length) {
      segments = Arrays.copyOf(segments, Math.max(16, segmentN * 2));
      for (int i = segmentN; i < segments.length; i++) segments[i] = new Chunk();
    }
    Chunk seg = segments[segmentN++];
    seg.clear();
    seg.mayCross = true;
    seg.campsFull = false;
    seg.arrivedSeen = arrivedSeen;
    seg.src = src;
    seg.from = from;
    seg.to = to;
    return seg;
  }

  private void runSegment(Chunk seg, int day) {
    seg.takeScratch();
    if (seg.src != null) {
      // Returnees are scattered over the agent array: load each block's records ahead, as for due agents.
      int[] ag = this.ag;
      for (int i = seg.from; i < seg.to; i += PREFETCH) {
        int stop = Math.min(seg.to, i + PREFETCH);
        int touched = 0;
        for (int j = i; j < stop; j++) touched |= ag[seg.src[j] * W + O_DRAWS];
        seg.touched |= touched;
        for (int j = i; j < stop; j++) crossSegmentMember(seg, j, day);
      }
    } else {
      for (int i = seg.from; i < seg.to; i++) crossSegmentMember(seg, i, day);
    }
  }

  private void crossSegmentMember(Chunk seg, int i, int day) {
    if (seg.src == null) {
      startCrossing(i, cohortOf(i), day, seg);
    } else {
      int a = seg.src[i];
      RandomStream rng = seg.rng.reset(agentKey, a, nextDraw(a));
      cross(a, day, rng, seg);
      plan(a, day, rng, seg);
      process(a, day, seg);
    }
  }

  /**
   * Due agents per task today: {@link #taskSize}, or more on a big day, so that a day has at most about
   * {@link #MAX_TASKS} tasks (each keeps its buffers until the merge). A power-of-two multiple of the task
   * size that divides the chunk size, or the chunk size itself.
   */
  private static int agentsPerTask(int due) {
    if (chunkSize % taskSize != 0) return chunkSize;
    int per = taskSize;
    while ((long) per * MAX_TASKS < due && per * 2 <= chunkSize && chunkSize % (per * 2) == 0) per *= 2;
    return per;
  }

  /** Runs tasks 0..count-1 on the workers, or here when there is too little work to share. */
  private static void runTasks(Workers workers, int count, long work, java.util.function.IntConsumer task) {
    if (work < parallelMin) {
      for (int t = 0; t < count; t++) task.accept(t);
    } else {
      workers.forEach(count, task);
    }
  }

  /** Adds a part's counts to the model's totals, where the crossers after it see them. */
  private void addTotals(Chunk ch) {
    arrivedTotal += ch.arrived;
    departuresThisYear += ch.departures;
    caughtThisYear += ch.caught;
    campCount -= ch.campLeft;
    active -= ch.absorbed;
    ch.arrived = ch.departures = ch.caught = ch.campLeft = ch.absorbed = 0;
  }

  /** Appends a part's events to the day's, in merge order. */
  private static void publishEvents(Chunk ch, EventBuffer events) {
    events.addAll(ch.events);
    ch.events.clear();
  }

  /** Puts a part's agents in the calendar for their next day, in merge order (which orders the buckets). */
  private void publishReschedules(Chunk ch) {
    for (int i = 0; i < ch.resN; i++) calendar.schedule(ch.resAgent[i], ch.resDay[i]);
    ch.resN = 0;
  }

  // ---------------------------------------------------------------- time-varying values

  private void enterEpoch(int day) {
    int e = schedule.epochOf(day);
    boolean changed = e != epoch;
    if (changed) {
      epoch = e;
      for (int i = 0; i < P.COUNT; i++) v[i] = schedule.value(e, i);
      bribePay = Math.min(1, v[P.BRIBE_PAY] * Math.pow(v[P.BRIBE_REFERENCE] / v[P.BRIBE_PRICE], v[P.BRIBE_ELASTICITY]));
    }
    int year = yearOf[day];
    if (year != yearOfFeedback) {
      changed = true;
      // Feedbacks are frozen for a year so that hazards stay constant within an epoch.
      yearOfFeedback = year;
      chainFactor = 1 + v[P.CROSS_CHAIN] * arrivedTotal / 1000.0;
      // With fewer than 20 departures last year the share is too noisy to price; use the parameter instead.
      caughtShare = departuresThisYear >= 20 ? (double) caughtThisYear / departuresThisYear
          : Math.min(1, v[P.TRANSIT_ARREST] * v[P.ENFORCEMENT]);
      departuresThisYear = caughtThisYear = 0;
      refreshBrokerSeek();
      for (int c = 0; c < cohorts.size(); c++) {
        cohortDistance[c] = Math.exp(-geo.kmToCrossing[cohorts.region()[c]] / v[P.CROSS_DISTANCE]);
      }
    }
    if (changed) {
      // Hazards changed: draw each cohort's next crossing afresh (exact, since waiting times are memoryless).
      RandomStream rng = epochRng;
      for (int c = 0; c < cohorts.size(); c++) {
        cohortHazard[c] = crossingRate(c);
        rng.reset(cohortKey, c, cohortDraws[c]++);
        cohortNext[c] = day + rng.exponential(remaining[c] * cohortHazard[c]);
      }
    }
  }

  /** Which parameters each state's hazards read; a change in any of them forces a redraw. */
  private int[][] changeDays() {
    int[][] deps = new int[KState.NAMES.size()][];
    deps[HOME] = new int[] {P.RECROSS, P.CROSS_PUSH, P.GUARD, P.GUARD_DETERRENCE, P.GUARD_FLOOR};
    deps[HIDING] = new int[] {P.ARREST_BORDER, P.ARREST_INLAND, P.ENFORCEMENT, P.INTEGRATE_F, P.INTEGRATE_M,
        P.INTEGRATED_ARREST, P.MOVE, P.RETURN_HOME, P.MORTALITY, P.SEEK, P.NO_CONTACT, P.CONTACT_RATE, P.FEE,
        P.FEE_REFERENCE, P.FEE_ELASTICITY, P.FINE, P.FINE_PASS, P.MISSION_RATE, P.W_MONGOLIA, P.W_LAOS, P.W_VIETNAM};
    deps[MISSION] = new int[] {P.MISSION_WAIT, P.MORTALITY};
    deps[THIRD_COUNTRY] = new int[] {P.WAIT_THAILAND, P.WAIT_MONGOLIA, P.WAIT_VIETNAM, P.MORTALITY};
    deps[CHINA_CAMP] = new int[] {P.CAMP_EXIT, P.CAMP_REPATRIATION, P.MORTALITY};
    deps[INTERROGATION] = new int[] {P.DEATH_INTERROGATION};
    deps[LABOUR_TRAINING] = new int[] {P.DEATH_LABOUR};
    deps[KYOHWASO] = new int[] {P.DEATH_KYOHWASO};
    deps[KWANLISO] = new int[] {P.DEATH_KWANLISO};
    int epochs = schedule.epochs();
    int[][] next = new int[deps.length][epochs];
    for (int s = 0; s < deps.length; s++) {
      // Hiding hazards also read the yearly feedbacks (contacts, broker risk), so they change every 1 January.
      boolean yearly = s == HIDING;
      next[s][epochs - 1] = NEVER;
      for (int e = epochs - 2; e >= 0; e--) {
        int start = schedule.epochStart(e + 1);
        boolean newYear = cal.date(start).getDayOfYear() == 1;
        boolean changes = deps[s] != null && (schedule.differs(e, e + 1, deps[s]) || (yearly && newYear));
        next[s][e] = changes ? start : next[s][e + 1];
      }
    }
    return next;
  }

  // ---------------------------------------------------------------- crossing

  private double crossingRate(int c) {
    double r = v[P.CROSS_BASE] * v[P.CROSS_PUSH] * chainFactor * cohortDistance[c] * deterrence();
    if (cohorts.female()[c]) r *= v[P.CROSS_FEMALE];
    int age = cohorts.ageBand()[c];
    if (age == Cohorts.CHILD) r *= v[P.CROSS_CHILD];
    else if (age == Cohorts.ELDERLY) r *= v[P.CROSS_ELDERLY];
    int bg = cohorts.background()[c];
    if (bg == 0) r *= v[P.CROSS_CORE];
    else if (bg == 2) r *= v[P.CROSS_HOSTILE];
    return r / DAYS_PER_YEAR;
  }

  /** Guards deter crossing; below the floor (a collapse) they deter no further. */
  private double deterrence() {
    return Math.pow(Math.max(v[P.GUARD_FLOOR], v[P.GUARD]), -v[P.GUARD_DETERRENCE]);
  }

  /**
   * The people at home cross as a pure death process: with n people each at hazard h, the next crossing
   * comes after an exponential time of rate n*h. So the cost is per crossing, not per cohort and day.
   * Each cohort has its own stream, so cohorts are counted in parallel when many people cross. Returns
   * how many cross today and sets {@link #newStart}, numbering them from {@link #n} in cohort order.
   */
  private int countCrossingsFromHome(int day, Workers workers) {
    int size = cohorts.size();
    double expected = 0;
    for (int c = 0; c < size; c++) expected += remaining[c] * cohortHazard[c];
    // A few runs of neighbouring cohorts with about equal expected crossings each: cohorts that sit side
    // by side in these arrays are then counted on one thread (their slots share cache lines).
    int blocks = 0;
    double mass = 0, share = expected / COUNT_TASKS;
    blockStart[0] = 0;
    for (int c = 0; c < size && blocks < COUNT_TASKS - 1; c++) {
      mass += remaining[c] * cohortHazard[c];
      if (mass >= share * (blocks + 1)) blockStart[++blocks] = c + 1;
    }
    blockStart[++blocks] = size;
    runTasks(workers, blocks, (long) expected, b -> {
      RandomStream rng = new RandomStream();
      for (int c = blockStart[b]; c < blockStart[b + 1]; c++) {
        long left = remaining[c], draws = cohortDraws[c];
        double next = cohortNext[c], hazard = cohortHazard[c];
        int k = 0;
        while (next < day + 1 && left > 0) {
          left--;
          rng.reset(cohortKey, c, draws++);
          next += rng.exponential(left * hazard);
          k++;
        }
        remaining[c] = left;
        cohortDraws[c] = draws;
        cohortNext[c] = next;
        newStart[c + 1] = k; // a count until the sums below
      }
    });
    newStart[0] = n;
    for (int c = 0; c < size; c++) newStart[c + 1] += newStart[c];
    return newStart[size] - n;
  }

  /** The cohort of today's new crosser a: the last c with newStart[c] <= a. */
  private int cohortOf(int a) {
    int lo = 0, hi = cohorts.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (newStart[mid] <= a) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A person of cohort c becomes agent a and crosses; then everything else due today happens. */
  private void startCrossing(int a, int c, int day, Chunk ch) {
    setState(a, HOME);
    setHome(a, (short) cohorts.region()[c]);
    setPlace(a, home(a));
    setBackground(a, (byte) cohorts.background()[c]);
    setVisits(a, 0);
    ag[a * W + O_DRAWS] = 0;
    setStateEnd(a, NEVER);
    RandomStream rng = ch.rng.reset(agentKey, a, nextDraw(a));
    int f = cohorts.female()[c] ? F_FEMALE : 0;
    double political = v[P.CROSS_POLITICAL] * (background(a) == 2 ? v[P.CROSS_POLITICAL_HOSTILE] : 1);
    if (rng.bernoulli(Math.min(1, political))) f |= F_POLITICAL_MOTIVE;
    setFlags(a, (byte) f);
    cross(a, day, rng, ch);
    plan(a, day, rng, ch);
    process(a, day, ch);
  }

  /**
   * Crosses the river. Camp places are shared: this is called by a crossing segment that runs alone while
   * a camp has room, or by one that runs in parallel because the camps were full when its turn came
   * (it then neither reads nor changes the camp count). The caller plans what follows.
   */
  private void cross(int a, int day, RandomStream rng, Chunk ch) {
    int region = home(a);
    int into = KoreaGeography.pick(geo.crossInto[region], geo.crossCumulative[region], rng.nextDouble());
    if (rng.bernoulli(Math.min(1, v[P.CAPTURE] * v[P.GUARD]))) {
      toInterrogation(a, day, KCause.CAPTURED_AT_BORDER, ch);
    } else if (rng.bernoulli(v[P.CROSS_DEATH])) {
      transition(a, day, DEAD, region, KCause.DIED_CROSSING, ch);
    } else if (rng.bernoulli(v[P.TURN_BACK])) {
      transition(a, day, HOME, region, KCause.TURNED_BACK, ch);
    } else if (!ch.campsFull && campsHaveRoom()) {
      campCount++;
      transition(a, day, CHINA_CAMP, into, KCause.ENTERED_CAMP, ch);
    } else {
      transition(a, day, HIDING, into, KCause.CROSSED, ch);
    }
  }

  // ---------------------------------------------------------------- one agent's day

  /**
   * Performs every transition the agent has due today (usually one) and puts it in the calendar for its
   * next one. In a due agents' chunk, a person about to cross again is set aside for the crossing phase.
   */
  private void process(int a, int day, Chunk ch) {
    int loops = 0;
    while (due(a) == day) {
      if (++loops > 16) {
        // Hazards this high are a scenario error in practice; keep the run going, one day later.
        setDue(a, day + 1);
        setAction(a, A_REDRAW);
        break;
      }
      RandomStream rng = ch.rng.reset(agentKey, a, nextDraw(a));
      if (action(a) == A_CROSS && !ch.mayCross) {
        setDue(a, NEVER); // waits for the crossing phase
        ch.wantsToCross(a);
        return;
      }
      act(a, day, action(a), rng, ch);
      plan(a, day, rng, ch);
    }
    if (due(a) > day && due(a) != NEVER) ch.reschedule(a, due(a));
  }

  /** Carries out an action. Crossing is only ever acted on in a crossing segment. */
  private void act(int a, int day, int act, RandomStream rng, Chunk ch) {
    int s = state(a);
    switch (act) {
      case A_REDRAW -> { }
      case A_CROSS -> cross(a, day, rng, ch);
      case A_DIE -> transition(a, day, DEAD, place(a), inDetention(s) ? KCause.DIED_IN_DETENTION : KCause.DIED, ch);
      case A_INTEGRATE -> setFlags(a, flags(a) | F_INTEGRATED);
      case A_CONTACT -> setFlags(a, flags(a) | F_CONTACT);
      case A_ARREST -> arrest(a, day, KCause.ARRESTED, rng, ch);
      case A_MOVE -> {
        int to = KoreaGeography.pick(geo.moveTo[place(a)], geo.moveCumulative[place(a)], rng.nextDouble());
        if (rng.bernoulli(Math.min(1, v[P.MOVE_ARREST] * v[P.ENFORCEMENT]))) {
          setPlace(a, (short) to);
          arrest(a, day, KCause.ARRESTED_MOVING, rng, ch);
        } else {
          transition(a, day, HIDING, to, KCause.MOVED, ch);
        }
      }
      case A_BROKER -> depart(a, day, rng, ch);
      case A_MISSION -> {
        setFlags(a, flags(a) | F_POLITICAL_CASE);
        int m = geo.nearestMission[place(a)];
        if (rng.bernoulli(v[P.GATE_FAIL])) {
          setPlace(a, (short) m);
          arrest(a, day, KCause.ARRESTED_AT_MISSION_GATE, rng, ch);
        } else {
          transition(a, day, MISSION, m, KCause.MISSION_ENTRY, ch);
        }
      }
      case A_RETURN -> {
        setVisits(a, (byte) Math.min(100, visits(a) + 1));
        transition(a, day, HOME, home(a), KCause.RETURNED_HOME, ch);
      }
      case A_EXIT -> arrive(a, day, s == MISSION ? KCause.MISSION_EXIT : KCause.FLOWN_TO_SOUTH_KOREA, ch);
      case A_CAMP_LEAVE -> {
        ch.campLeft++;
        transition(a, day, HIDING, place(a), KCause.LEFT_CAMP, ch);
      }
      case A_CAMP_REPATRIATE -> {
        ch.campLeft++;
        toInterrogation(a, day, KCause.REPATRIATED_FROM_CAMP, ch);
      }
      case A_END -> endOfStay(a, day, rng, ch);
      default -> throw new IllegalStateException("unknown action " + act);
    }
  }

  private static boolean inDetention(int s) {
    return s == INTERROGATION || s == LABOUR_TRAINING || s == KYOHWASO || s == KWANLISO;
  }

  /** A fixed-length stay ends: a journey, a detention, a review, a sentence. */
  private void endOfStay(int a, int day, RandomStream rng, Chunk ch) {
    switch (state(a)) {
      case TRANSIT -> {
        if ((flags(a) & F_CAUGHT) != 0) {
          setFlags(a, flags(a) & ~F_CAUGHT);
          ch.caught++;
          arrest(a, day, KCause.ARRESTED_IN_TRANSIT, rng, ch);
        } else {
          int to = route(a) == KoreaGeography.ROUTE_MONGOLIA ? geo.mongolia
              : route(a) == KoreaGeography.ROUTE_VIETNAM ? geo.vietnam : geo.laos;
          reachThirdCountry(a, day, to, rng, ch);
        }
      }
      case DETAINED_CHINA -> toInterrogation(a, day, KCause.REPATRIATED, ch);
      case UNHCR_REVIEW -> {
        if (rng.bernoulli(v[P.UNHCR_RECOGNISED])) {
          arrive(a, day, KCause.UNHCR_RESETTLED, ch);
        } else {
          transition(a, day, DETAINED_CHINA, place(a), KCause.UNHCR_REJECTED, ch);
          setStateEnd(a, day + (int) Math.round(v[P.DETENTION]));
        }
      }
      case INTERROGATION -> sentence(a, day, rng, ch);
      case LABOUR_TRAINING, KYOHWASO, KWANLISO -> {
        setVisits(a, (byte) Math.min(100, visits(a) + 1));
        setFlags(a, flags(a) & ~(F_POLITICAL_CASE | F_INTEGRATED));
        transition(a, day, HOME, home(a), KCause.RELEASED, ch);
      }
      default -> throw new IllegalStateException("no fixed stay in state " + state(a));
    }
  }

  private void reachThirdCountry(int a, int day, int country, RandomStream rng, Chunk ch) {
    setFlags(a, flags(a) | F_POLITICAL_CASE);
    double back = country == geo.laos ? v[P.RETURN_LAOS] : country == geo.vietnam ? v[P.RETURN_VIETNAM] : 0;
    if (rng.bernoulli(back)) {
      transition(a, day, THIRD_COUNTRY, country, KCause.REACHED_THIRD_COUNTRY, ch);
      setPlace(a, (short) geo.nearestChina[country]);
      arrest(a, day, KCause.RETURNED_TO_CHINA, rng, ch);
      return;
    }
    // Laos is a corridor: people go on to Thailand, which hands them to the South Korean embassy.
    int to = country == geo.laos ? geo.thailand : country;
    transition(a, day, THIRD_COUNTRY, to, KCause.REACHED_THIRD_COUNTRY, ch);
  }

  private void arrive(int a, int day, int cause, Chunk ch) {
    ch.arrived++;
    transition(a, day, ARRIVED, geo.southKorea, cause, ch);
  }

  private void depart(int a, int day, RandomStream rng, Chunk ch) {
    double wm = v[P.W_MONGOLIA], wl = v[P.W_LAOS], wv = v[P.W_VIETNAM];
    double[] km = geo.routeKm[place(a)];
    if (Double.isInfinite(km[0])) wm = 0;
    if (Double.isInfinite(km[1])) wl = 0;
    if (Double.isInfinite(km[2])) wv = 0;
    double u = rng.nextDouble() * (wm + wl + wv);
    int r = u < wm ? KoreaGeography.ROUTE_MONGOLIA : u < wm + wl ? KoreaGeography.ROUTE_LAOS : KoreaGeography.ROUTE_VIETNAM;
    setRoute(a, (byte) r);
    int travel = Math.max(1, (int) Math.ceil(km[r] / v[P.SPEED]));
    ch.departures++;
    transition(a, day, TRANSIT, place(a), KCause.BROKER_DEPARTURE, ch);
    if (rng.bernoulli(Math.min(1, v[P.TRANSIT_ARREST] * v[P.ENFORCEMENT]))) {
      setFlags(a, flags(a) | F_CAUGHT);
      setStateEnd(a, day + 1 + rng.nextInt(travel));
    } else {
      setStateEnd(a, day + travel);
    }
  }

  /** Arrest in China: UNHCR review if allowed, else a bribe if the case stays private, else detention. */
  private void arrest(int a, int day, int cause, RandomStream rng, Chunk ch) {
    int where = place(a);
    transition(a, day, DETAINED_CHINA, where, cause, ch);
    if (rng.bernoulli(v[P.UNHCR_ACCESS])) {
      transition(a, day, UNHCR_REVIEW, where, KCause.UNHCR_CLAIM, ch);
      setStateEnd(a, day + (int) Math.round(v[P.UNHCR_DAYS]));
      return;
    }
    boolean political = (flags(a) & (F_POLITICAL_CASE | F_POLITICAL_MOTIVE)) != 0;
    boolean northKnows = rng.bernoulli(political ? v[P.NK_LEARNS_POLITICAL] : v[P.NK_LEARNS]);
    double pay = bribePay;
    if (!northKnows && rng.bernoulli(pay) && rng.bernoulli(v[P.BRIBE_ACCEPT])) {
      int back = geo.nearestChina[where];
      transition(a, day, HIDING, back, KCause.BRIBE_RELEASE, ch);
      return;
    }
    setStateEnd(a, day + (int) Math.round(v[P.DETENTION]));
  }

  private void toInterrogation(int a, int day, int cause, Chunk ch) {
    transition(a, day, INTERROGATION, home(a), cause, ch);
    setStateEnd(a, day + (int) Math.round(v[P.INTERROGATION]));
  }

  private void sentence(int a, int day, RandomStream rng, Chunk ch) {
    int offence = rng.bernoulli(v[P.HELPER_SHARE]) ? 2
        : (flags(a) & (F_POLITICAL_CASE | F_POLITICAL_MOTIVE)) != 0 ? 1 : 0;
    int record = visits(a) == 0 ? 0 : 1;
    Sentencing.Cell cell = sentencing.cellIn(sentencePeriod, offence, record, background(a));
    int outcome = Sentencing.draw(cell, rng, ch.days);
    switch (outcome) {
      case Sentencing.RELEASE -> {
        setVisits(a, (byte) Math.min(100, visits(a) + 1));
        setFlags(a, flags(a) & ~(F_POLITICAL_CASE | F_INTEGRATED));
        transition(a, day, HOME, home(a), KCause.SENTENCED_RELEASE, ch);
      }
      case Sentencing.LABOUR -> serve(a, day, LABOUR_TRAINING, KCause.SENTENCED_LABOUR_TRAINING, ch);
      case Sentencing.KYOHWASO -> serve(a, day, KYOHWASO, KCause.SENTENCED_KYOHWASO, ch);
      case Sentencing.KWANLISO -> serve(a, day, KWANLISO, KCause.SENTENCED_KWANLISO, ch);
      case Sentencing.EXECUTION -> transition(a, day, DEAD, home(a), KCause.EXECUTED, ch);
      default -> throw new IllegalStateException("unknown sentence " + outcome);
    }
  }

  private void serve(int a, int day, int where, int cause, Chunk ch) {
    transition(a, day, where, home(a), cause, ch);
    setStateEnd(a, day + Math.max(1, ch.days[0]));
  }

  private void transition(int a, int day, int to, int where, int cause, Chunk ch) {
    int from = state(a);
    ch.events.add(day, a, from, to, where, cause, (flags(a) & F_FEMALE) != 0 ? 1 : 0);
    setState(a, (byte) to);
    setPlace(a, (short) where);
    if (to != TRANSIT && to != DETAINED_CHINA && to != UNHCR_REVIEW && !inDetention(to)) setStateEnd(a, NEVER);
    if (absorbing(to)) ch.absorbed++;
  }

  // ---------------------------------------------------------------- planning the next transition

  /**
   * Draws when the agent's next transition happens and what it is; sets due(a) and action(a).
   *
   * <p>The waiting time is found by the cumulative-hazard method: draw a unit exponential and walk forward
   * through the epochs, spending it at each epoch's total rate until it runs out. This is exact for
   * piecewise-constant hazards and costs a few multiplications per epoch crossed, instead of a visit to
   * the agent at every change. Hiding people stop at the next 1 January, because their hazards read
   * yearly feedbacks from the model's own future, which is not known yet.
   */
  private void plan(int a, int day, RandomStream rng, Chunk ch) {
    int s = state(a);
    if (absorbing(s)) {
      setDue(a, NEVER);
      return;
    }
    double[] r = ch.rates;
    byte[] acts = ch.acts;
    int ep = epoch;
    double target = rng.exponential(1);
    double t = day;
    int end = stateEnd(a);
    while (true) {
      int n = rates(a, s, ep, ep == epoch ? v : schedule.row(ep), ch.arrivedSeen, r, acts);
      double total = 0;
      for (int i = 0; i < n; i++) total += r[i];
      int change = nextChange[s][ep];
      double limit = Math.min(change, end);
      if (total > 0 && target < (limit - t) * total) {
        t += target / total;
        setDue(a, (int) t);
        double u = rng.nextDouble() * total;
        int i = 0;
        while (i < n - 1 && (u -= r[i]) >= 0) i++;
        setAction(a, acts[i]);
        break;
      }
      if (end <= change) {
        setDue(a, Math.max(day, end));
        setAction(a, A_END);
        break;
      }
      if (change == NEVER) {
        setDue(a, NEVER);
        break;
      }
      if (s == HIDING && newYear[change]) {
        setDue(a, change);
        setAction(a, A_REDRAW);
        break;
      }
      target -= (change - t) * total;
      t = change;
      while (ep + 1 < schedule.epochs() && schedule.epochStart(ep + 1) <= change) ep++;
    }
  }

  /**
   * The competing hazards (per day) of the agent's state under the given epoch values; returns how many.
   * {@code arrived} is arrivals in South Korea so far as the caller's phase sees them (contacts grow with it).
   */
  private int rates(int a, int s, int ep, double[] x, long arrived, double[] r, byte[] acts) {
    final double perDay = 1 / DAYS_PER_YEAR;
    int f = flags(a);
    switch (s) {
      case HOME -> {
        r[0] = recrossRate[ep];
        acts[0] = A_CROSS;
        return 1;
      }
      case HIDING -> {
        int p = place(a);
        double arrest = (geo.border[p] ? x[P.ARREST_BORDER] : x[P.ARREST_INLAND]) * x[P.ENFORCEMENT];
        if ((f & F_INTEGRATED) != 0) arrest *= x[P.INTEGRATED_ARREST];
        r[0] = arrest * perDay;
        acts[0] = A_ARREST;
        r[1] = geo.moveTo[p].length > 0 ? x[P.MOVE] * perDay : 0;
        acts[1] = A_MOVE;
        r[2] = brokerRate(f, ep, x) * perDay;
        acts[2] = A_BROKER;
        r[3] = x[P.MISSION_RATE] * perDay;
        acts[3] = A_MISSION;
        r[4] = x[P.RETURN_HOME] * perDay;
        acts[4] = A_RETURN;
        r[5] = x[P.MORTALITY] * perDay;
        acts[5] = A_DIE;
        r[6] = (f & F_INTEGRATED) == 0 ? ((f & F_FEMALE) != 0 ? x[P.INTEGRATE_F] : x[P.INTEGRATE_M]) * perDay : 0;
        acts[6] = A_INTEGRATE;
        r[7] = (f & F_CONTACT) == 0 ? x[P.CONTACT_RATE] * arrived / 1000.0 * perDay : 0;
        acts[7] = A_CONTACT;
        return 8;
      }
      case MISSION -> {
        r[0] = 1 / Math.max(0.1, x[P.MISSION_WAIT]);
        acts[0] = A_EXIT;
        r[1] = x[P.MORTALITY] * perDay;
        acts[1] = A_DIE;
        return 2;
      }
      case THIRD_COUNTRY -> {
        int p = place(a);
        double wait = p == geo.mongolia ? x[P.WAIT_MONGOLIA] : p == geo.vietnam ? x[P.WAIT_VIETNAM] : x[P.WAIT_THAILAND];
        r[0] = 1 / Math.max(0.1, wait);
        acts[0] = A_EXIT;
        r[1] = x[P.MORTALITY] * perDay;
        acts[1] = A_DIE;
        return 2;
      }
      case CHINA_CAMP -> {
        r[0] = x[P.CAMP_EXIT] * perDay;
        acts[0] = A_CAMP_LEAVE;
        r[1] = x[P.CAMP_REPATRIATION] * perDay;
        acts[1] = A_CAMP_REPATRIATE;
        r[2] = x[P.MORTALITY] * perDay;
        acts[2] = A_DIE;
        return 3;
      }
      case INTERROGATION, LABOUR_TRAINING, KYOHWASO, KWANLISO -> {
        int m = s == INTERROGATION ? P.DEATH_INTERROGATION : s == LABOUR_TRAINING ? P.DEATH_LABOUR
            : s == KYOHWASO ? P.DEATH_KYOHWASO : P.DEATH_KWANLISO;
        r[0] = x[m] * perDay;
        acts[0] = A_DIE;
        return 1;
      }
      default -> {
        return 0; // transit, detention in China, UNHCR review: only their fixed end
      }
    }
  }

  private double brokerRate(int f, int ep, double[] x) {
    double wm = x[P.W_MONGOLIA], wl = x[P.W_LAOS], wv = x[P.W_VIETNAM];
    if (wm + wl + wv <= 0) return 0;
    double r = brokerSeek[ep];
    return (f & F_CONTACT) != 0 ? r : r * x[P.NO_CONTACT];
  }

  /** The broker-seeking rate before contacts, per epoch: it reads the yearly feedback (caught share). */
  private void refreshBrokerSeek() {
    for (int e = 0; e < brokerSeek.length; e++) {
      double[] x = schedule.row(e);
      double fee = x[P.FEE] + x[P.FINE] * x[P.FINE_PASS] * caughtShare;
      brokerSeek[e] = x[P.SEEK] * Math.pow(x[P.FEE_REFERENCE] / Math.max(1, fee), x[P.FEE_ELASTICITY]);
    }
  }

  /**
   * Makes room for {@code need} agents. Each growth copies every record into fresh memory, and a collapse
   * adds millions in weeks: so grow by half, or, if that is more, by the first crossings expected until
   * the crossing hazards next change (the next epoch or 1 January), which are known today. The margin of
   * four standard deviations (the count is a sum of binomials) keeps a growth from falling just short.
   */
  private void ensureCapacity(int need, int day) {
    if ((long) need * W <= ag.length) return;
    int horizon = Math.min(days, schedule.epochEnd(epoch));
    for (int d = day + 1; d < horizon; d++) {
      if (newYear[d]) {
        horizon = d;
        break;
      }
    }
    double ahead = 0;
    for (int c = 0; c < remaining.length; c++) ahead -= remaining[c] * Math.expm1(-cohortHazard[c] * (horizon - day - 1));
    long reserve = (long) (ahead + 4 * Math.sqrt(ahead)) + 1024;
    long cap = Math.max(ag.length / W * 3L / 2, need + reserve);
    if (cap > MAX_AGENTS) {
      if (need > MAX_AGENTS) throw new IllegalStateException("more than " + MAX_AGENTS + " individual agents");
      cap = MAX_AGENTS;
    }
    ag = Arrays.copyOf(ag, (int) cap * W);
  }

  // ---------------------------------------------------------------- agent fields (see the layout above)

  private int due(int a) {
    int d = ag[a * W + O_DAYS] & 0xFFFF;
    return d == NO_DAY ? NEVER : d;
  }

  /** Days past the run's end are stored as never: nothing happens after it. */
  private void setDue(int a, int day) {
    int i = a * W + O_DAYS;
    ag[i] = ag[i] & 0xFFFF0000 | (day >= days ? NO_DAY : day);
  }

  private int stateEnd(int a) {
    int d = ag[a * W + O_DAYS] >>> 16;
    return d == NO_DAY ? NEVER : d;
  }

  private void setStateEnd(int a, int day) {
    int i = a * W + O_DAYS;
    ag[i] = ag[i] & 0xFFFF | (day >= days ? NO_DAY : day) << 16;
  }

  /** The agent's draw counter, then counts one more draw. */
  private int nextDraw(int a) {
    return ag[a * W + O_DRAWS]++;
  }

  private int bits(int a, int shift, int mask) {
    return ag[a * W + O_BYTES] >>> shift & mask;
  }

  private void setBits(int a, int shift, int mask, int value) {
    int i = a * W + O_BYTES;
    ag[i] = ag[i] & ~(mask << shift) | (value & mask) << shift;
  }

  private int state(int a) {
    return bits(a, 0, 0xFF);
  }

  private void setState(int a, int s) {
    setBits(a, 0, 0xFF, s);
  }

  private int action(int a) {
    return bits(a, 8, 0xF);
  }

  private void setAction(int a, int act) {
    setBits(a, 8, 0xF, act);
  }

  private int flags(int a) {
    return bits(a, 12, 0xFF);
  }

  private void setFlags(int a, int f) {
    setBits(a, 12, 0xFF, f);
  }

  private int visits(int a) {
    return bits(a, 20, 0x7F);
  }

  private void setVisits(int a, int k) {
    setBits(a, 20, 0x7F, k);
  }

  private int background(int a) {
    return bits(a, 27, 0x3);
  }

  private void setBackground(int a, int b) {
    setBits(a, 27, 0x3, b);
  }

  private int route(int a) {
    return bits(a, 29, 0x3);
  }

  private void setRoute(int a, int r) {
    setBits(a, 29, 0x3, r);
  }

  /** Place codes were shorts: read back sign-extended, as before. */
  private int place(int a) {
    return (short) ag[a * W + O_PLACES];
  }

  private void setPlace(int a, int p) {
    int i = a * W + O_PLACES;
    ag[i] = ag[i] & 0xFFFF0000 | (p & 0xFFFF);
  }

  private int home(int a) {
    return ag[a * W + O_PLACES] >> 16;
  }

  private void setHome(int a, int p) {
    int i = a * W + O_PLACES;
    ag[i] = ag[i] & 0xFFFF | (p & 0xFFFF) << 16;
  }

  /** Number of individual agents created so far. */
  int agents() {
    return n;
  }

  @Override
  public long individuals() {
    return n;
  }
}
