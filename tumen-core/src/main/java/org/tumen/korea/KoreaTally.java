package org.tumen.korea;

import static org.tumen.korea.KState.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;

/**
 * Replays the Korea event stream into the series users ask for: flows per day and per year (crossings,
 * arrivals, arrests, repatriations, sentences, deaths), stocks at each period's end (hiding in China, in
 * North Korean detention), breakdowns by sex and by place, and the outcome ledger by year of crossing.
 */
public final class KoreaTally implements EventHandler {
  /** Flow series, in column order; each also has a "_female" twin. */
  public static final List<String> FLOWS = List.of("crossed", "captured_at_border", "turned_back_by_china", "arrived_south_korea",
      "arrested_in_china", "bribe_releases", "repatriated", "unhcr_resettled", "broker_departures", "mission_entries",
      "sentenced_release", "sentenced_labour_training", "sentenced_kyohwaso", "sentenced_kwanliso", "executed", "died");
  /** Stock series at the end of each period. */
  public static final List<String> STOCKS = List.of("hiding_in_china", "in_nk_detention");

  private static final int F_CROSSED = 0, F_CAPTURED = 1, F_TURNED_BACK = 2, F_ARRIVED = 3, F_ARRESTED = 4, F_BRIBE = 5,
      F_REPATRIATED = 6, F_UNHCR = 7, F_BROKER = 8, F_MISSION = 9, F_RELEASE = 10, F_LABOUR = 11, F_KYOHWASO = 12,
      F_KWANLISO = 13, F_EXECUTED = 14, F_DIED = 15;

  private final int[] snapshotDays;
  private final java.util.Map<Integer, long[]> snapshots = new java.util.TreeMap<>();
  private final long[] cumulative = new long[FLOWS.size()];
  private final java.util.Map<Integer, long[]> snapshotFlows = new java.util.TreeMap<>();
  private SimCalendar calendar;
  private Vocabulary vocabulary;
  private int firstYear;
  private long[][][] yearFlows; // [year][flow][sex]
  private long[][][] yearStocks; // [year][stock][sex]
  private long[][] yearPlace; // [year][place]: people in China by place at year end
  private int[][] dayFlows; // [day][flow] both sexes
  private int[][] dayFlowsFemale; // [day][flow] women
  private int[][] dayStocks; // [day][stock]
  private int[] yearOfDay;
  private static final int PREFETCH = 32;
  /** Sink for the prefetching loads, so the JIT cannot drop them. */
  private long touched;
  private final long[][] stock = new long[STOCKS.size()][2];
  private long[] placeStock;

  // The ledger: per person, packed in one long so that an event touches one memory location:
  // bits 0-15 last place, 16-23 last state, 24-26 worst sentence, 27 ever repatriated, 28 female,
  // 32-47 year of first crossing (0 = never crossed).
  private long[] person = new long[1024];
  private int agents;

  private static int crossYear(long p) {
    return (int) (p >>> 32) & 0xFFFF;
  }

  private static int lastState(long p) {
    return (int) (p >>> 16) & 0xFF;
  }

  private static int worst(long p) {
    return (int) (p >>> 24) & 0x7;
  }

  public KoreaTally() {
    this(new int[0]);
  }

  /** Also keeps, at the end of each of the given days, people in China by place and flows so far. */
  public KoreaTally(int[] snapshotDays) {
    this.snapshotDays = snapshotDays.clone();
  }

  @Override
  public void start(Vocabulary vocabulary, SimCalendar calendar) {
    this.calendar = calendar;
    this.vocabulary = vocabulary;
    firstYear = calendar.start().getYear();
    int years = calendar.end().getYear() - firstYear + 1;
    yearFlows = new long[years][FLOWS.size()][2];
    yearStocks = new long[years][STOCKS.size()][2];
    yearPlace = new long[years][vocabulary.places().size()];
    dayFlows = new int[calendar.days()][FLOWS.size()];
    dayFlowsFemale = new int[calendar.days()][FLOWS.size()];
    dayStocks = new int[calendar.days()][STOCKS.size()];
    placeStock = new long[vocabulary.places().size()];
    yearOfDay = new int[calendar.days()];
    for (int d = 0; d < yearOfDay.length; d++) yearOfDay[d] = calendar.start().plusDays(d).getYear();
  }

  @Override
  public boolean readsEventsOnly() {
    return true;
  }

  @Override
  public void handleDay(int day, EventBuffer ev) {
    int year = yearOfDay[day];
    int y = year - firstYear;
    long[][] yf = yearFlows[y];
    int[] df = dayFlows[day], dff = dayFlowsFemale[day];
    long[] china = stock[0], detention = stock[1];
    // Per event: table look-ups instead of switches, so the loop is short and the CPU can overlap the
    // cache misses on the per-person ledger words of successive events.
    int size = ev.size();
    long touched = 0;
    for (int i = 0; i < size; i++) {
      if ((i & (PREFETCH - 1)) == 0) {
        // Load the next block's ledger words in a tight loop first, so that their cache misses overlap.
        int[] agentsOf = ev.agents();
        long[] person = this.person;
        for (int j = i, stop = Math.min(size, i + PREFETCH); j < stop; j++) {
          int a = agentsOf[j];
          if (a >= 0 && a < person.length) touched |= person[a];
        }
      }
      int from = ev.from(i), to = ev.to(i), cause = ev.cause(i), sex = Math.max(0, ev.sex(i)), k = ev.count(i);
      int flow = CAUSE_FLOW[cause];
      if (flow < 0 && to == ARRIVED) flow = F_ARRIVED;
      if (flow >= 0) {
        yf[flow][sex] += k;
        df[flow] += k;
        if (sex == 1) dff[flow] += k;
      }
      if (to == ARRIVED && flow != F_ARRIVED) {
        // Every arrival counts as one, whatever the route (a UNHCR resettlement is also an arrival).
        yf[F_ARRIVED][sex] += k;
        df[F_ARRIVED] += k;
        if (sex == 1) dff[F_ARRIVED] += k;
      }
      if (to == DEAD && cause != KCause.EXECUTED) {
        yf[F_DIED][sex] += k;
        df[F_DIED] += k;
        if (sex == 1) dff[F_DIED] += k;
      }
      boolean fromChina = IN_CHINA[from], toChina = IN_CHINA[to];
      if (fromChina) china[sex] -= k;
      if (toChina) china[sex] += k;
      if (NK_DETENTION[from]) detention[sex] -= k;
      if (NK_DETENTION[to]) detention[sex] += k;
      int agent = ev.agent(i);
      if (agent >= 0) {
        if (agent >= person.length) person = Arrays.copyOf(person, Math.max(agent + 1, person.length * 2));
        if (agent >= agents) agents = agent + 1;
        long p = person[agent];
        int place = ev.place(i);
        if (fromChina) placeStock[(int) (p & 0xFFFF)] -= k;
        if (toChina) placeStock[place] += k;
        person[agent] = ledger(p, to, cause, sex, year) & ~0xFFFFL | (place & 0xFFFF);
      }
    }
    this.touched |= touched;
    for (int s = 0; s < STOCKS.size(); s++) dayStocks[day][s] = (int) (stock[s][0] + stock[s][1]);
    for (int f = 0; f < FLOWS.size(); f++) cumulative[f] += df[f];
    for (int d : snapshotDays) {
      if (d == day) {
        snapshots.put(day, placeStock.clone());
        snapshotFlows.put(day, cumulative.clone());
      }
    }
    boolean yearEnd = day == yearOfDay.length - 1 || yearOfDay[day + 1] != year;
    if (yearEnd) {
      for (int s = 0; s < STOCKS.size(); s++) yearStocks[y][s] = stock[s].clone();
      yearPlace[y] = placeStock.clone();
    }
  }

  /** Per cause: its flow, or -1 when the flow depends on the destination (see {@link #flowOf}). */
  private static final int[] CAUSE_FLOW = new int[KCause.NAMES.size()];
  /** Per cause: the severity of the sentence it records (0 none, 1 release ... 5 execution). */
  private static final int[] CAUSE_SEVERITY = new int[KCause.NAMES.size()];
  private static final boolean[] IN_CHINA = new boolean[KState.NAMES.size()];
  private static final boolean[] NK_DETENTION = new boolean[KState.NAMES.size()];

  static {
    for (int c = 0; c < CAUSE_FLOW.length; c++) {
      CAUSE_FLOW[c] = flowOf(-1, -1, c);
      CAUSE_SEVERITY[c] = severity(c);
    }
    for (int s = 0; s < IN_CHINA.length; s++) {
      IN_CHINA[s] = inChina(s);
      NK_DETENTION[s] = nkDetention(s);
    }
  }

  private static boolean nkDetention(int s) {
    return s == INTERROGATION || s == LABOUR_TRAINING || s == KYOHWASO || s == KWANLISO;
  }

  private static int flowOf(int from, int to, int cause) {
    return switch (cause) {
      case KCause.CROSSED, KCause.ENTERED_CAMP -> F_CROSSED;
      case KCause.CAPTURED_AT_BORDER -> F_CAPTURED;
      case KCause.TURNED_BACK -> F_TURNED_BACK;
      case KCause.ARRESTED, KCause.ARRESTED_MOVING, KCause.ARRESTED_IN_TRANSIT, KCause.ARRESTED_AT_MISSION_GATE,
          KCause.RETURNED_TO_CHINA -> F_ARRESTED;
      case KCause.BRIBE_RELEASE -> F_BRIBE;
      case KCause.REPATRIATED, KCause.REPATRIATED_FROM_CAMP -> F_REPATRIATED;
      case KCause.UNHCR_RESETTLED -> F_UNHCR;
      case KCause.BROKER_DEPARTURE -> F_BROKER;
      case KCause.MISSION_ENTRY -> F_MISSION;
      case KCause.SENTENCED_RELEASE -> F_RELEASE;
      case KCause.SENTENCED_LABOUR_TRAINING -> F_LABOUR;
      case KCause.SENTENCED_KYOHWASO -> F_KYOHWASO;
      case KCause.SENTENCED_KWANLISO -> F_KWANLISO;
      case KCause.EXECUTED -> F_EXECUTED;
      default -> to == ARRIVED ? F_ARRIVED : -1;
    };
  }

  /** The person's ledger word after this event. */
  private static long ledger(long p, int to, int cause, int sex, int year) {
    if (crossYear(p) == 0 && (cause == KCause.CROSSED || cause == KCause.ENTERED_CAMP)) {
      p |= ((long) year << 32) | (sex == 1 ? 1L << 28 : 0);
    }
    if (cause == KCause.REPATRIATED || cause == KCause.REPATRIATED_FROM_CAMP) p |= 1L << 27;
    int severity = CAUSE_SEVERITY[cause];
    if (severity > worst(p)) p = p & ~(0x7L << 24) | ((long) severity << 24);
    return p & ~(0xFFL << 16) | ((long) to << 16);
  }

  private static int severity(int cause) {
    return switch (cause) {
      case KCause.SENTENCED_RELEASE -> 1;
      case KCause.SENTENCED_LABOUR_TRAINING -> 2;
      case KCause.SENTENCED_KYOHWASO -> 3;
      case KCause.SENTENCED_KWANLISO -> 4;
      case KCause.EXECUTED -> 5;
      default -> 0;
    };
  }

  // ---------------------------------------------------------------- results

  public int firstYear() {
    return firstYear;
  }

  public int years() {
    return yearFlows.length;
  }

  /** Yearly series by name: every flow and stock, total and "_female", and "in_PLACE" stocks. */
  public Map<String, double[]> yearly() {
    Map<String, double[]> out = new LinkedHashMap<>();
    int years = years();
    for (int f = 0; f < FLOWS.size(); f++) {
      double[] all = new double[years], fem = new double[years];
      for (int y = 0; y < years; y++) {
        all[y] = yearFlows[y][f][0] + yearFlows[y][f][1];
        fem[y] = yearFlows[y][f][1];
      }
      out.put(FLOWS.get(f), all);
      out.put(FLOWS.get(f) + "_female", fem);
    }
    for (int s = 0; s < STOCKS.size(); s++) {
      double[] all = new double[years], fem = new double[years];
      for (int y = 0; y < years; y++) {
        all[y] = yearStocks[y][s][0] + yearStocks[y][s][1];
        fem[y] = yearStocks[y][s][1];
      }
      out.put(STOCKS.get(s), all);
      out.put(STOCKS.get(s) + "_female", fem);
    }
    return out;
  }

  /** People in China at each year end, by place name (only places that ever held someone). */
  public Map<String, double[]> yearlyByPlace() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int p = 0; p < vocabulary.places().size(); p++) {
      double[] s = new double[years()];
      boolean any = false;
      for (int y = 0; y < years(); y++) {
        s[y] = yearPlace[y][p];
        any |= s[y] != 0;
      }
      if (any) out.put(vocabulary.place(p), s);
    }
    return out;
  }

  /** People in China by place at the end of each snapshot day (see the constructor). */
  public java.util.Map<Integer, long[]> snapshots() {
    return snapshots;
  }

  /** Cumulative flows (in {@link #FLOWS} order) from the start of the run to the end of each snapshot day. */
  public java.util.Map<Integer, long[]> snapshotFlows() {
    return snapshotFlows;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** Daily flows of women only, in {@link #FLOWS} order. */
  public int[][] dailyFlowsFemale() {
    return dayFlowsFemale;
  }

  public int[][] dailyFlows() {
    return dayFlows;
  }

  public int[][] dailyStocks() {
    return dayStocks;
  }

  /** One line of the outcome ledger: of the people who first crossed in [fromYear, toYear], by sex. */
  public record LedgerRow(int fromYear, int toYear, String sex, long crossed, long reachedSouthKorea, long stillInChina,
      long backHome, long inNkDetention, long died, long executed, long everRepatriated, long worstRelease,
      long worstLabourTraining, long worstKyohwaso, long worstKwanliso) {}

  public List<LedgerRow> ledger(int[][] periods) {
    List<LedgerRow> rows = new java.util.ArrayList<>();
    for (int[] p : periods) {
      for (String sex : new String[] {"all", "male", "female"}) {
        long[] c = new long[14];
        for (int a = 0; a < agents; a++) {
          long w = person[a];
          int y = crossYear(w);
          if (y == 0 || y < p[0] || y > p[1]) continue;
          int female = (int) (w >>> 28) & 1;
          if (!sex.equals("all") && female != (sex.equals("female") ? 1 : 0)) continue;
          c[0]++;
          int s = lastState(w);
          if (s == ARRIVED) c[1]++;
          else if (inChina(s)) c[2]++;
          else if (s == HOME) c[3]++;
          else if (nkDetention(s)) c[4]++;
          else if (s == DEAD) c[5]++;
          int worst = worst(w);
          if (worst == 5) c[6]++;
          if ((w >>> 27 & 1) != 0) c[7]++;
          if (worst >= 1 && worst <= 4) c[7 + worst]++;
        }
        rows.add(new LedgerRow(p[0], p[1], sex, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]));
      }
    }
    return rows;
  }
}
