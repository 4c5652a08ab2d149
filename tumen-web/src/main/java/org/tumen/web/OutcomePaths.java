package org.tumen.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;

/**
 * Follows every crossing to its end, for the outcome diagram (Sankey): crossed, then captured at the border
 * or hidden in China, then arrested or not, then repatriated or freed, then each sentence, or arrival.
 *
 * <p>An episode starts when a person leaves home for China and ends at the first of: arrival in South
 * Korea, a sentence in North Korea, death, going home by choice, or the end of the run. Each episode adds
 * one to every link on its path; links are yearly series by the year the episode started, named
 * {@code path:SOURCE>TARGET} with the node names of {@link #NODES}, so that every node's inflow equals its
 * outflow.
 *
 * <p>Codes are looked up by name in the rule set's vocabulary (Korea rules), so that this class needs no
 * access to the rules' internals.
 */
public final class OutcomePaths implements EventHandler {
  /** Nodes of the diagram, left to right. */
  public static final List<String> NODES = List.of("crossed", "captured_at_border", "hid_in_china", "turned_back",
      "died_crossing", "arrested_in_china", "not_arrested", "freed_after_arrest", "repatriated", "reached_south_korea",
      "still_in_china", "went_home", "died", "sentence_release", "sentence_labour_training", "sentence_kyohwaso",
      "sentence_kwanliso", "executed", "died_in_detention", "awaiting_sentence");

  private static final byte CAPTURED = 1, HID = 2, ARRESTED = 4, REPATRIATED = 8;

  private SimCalendar calendar;
  private int firstYear, years;
  private final Map<String, double[]> links = new LinkedHashMap<>();
  private int[] start = new int[1024]; // year the open episode started, 0 when none
  private byte[] flags = new byte[1024];
  private int[] state = new int[1024];

  // codes, by name
  private int home, arrived, dead;
  private boolean[] inChina, inNkDetention, arrestCause, repatriationCause;
  private int crossed, enteredCamp, captured, diedCrossing, turnedBack, returnedHome, executed, diedInDetention;
  private int[] sentenceCause; // cause code -> index into SENTENCES, or -1
  private static final List<String> SENTENCES = List.of("sentenced_release", "sentenced_labour_training",
      "sentenced_kyohwaso", "sentenced_kwanliso");

  @Override
  public void start(Vocabulary v, SimCalendar calendar) {
    this.calendar = calendar;
    firstYear = calendar.start().getYear();
    years = calendar.end().getYear() - firstYear + 1;
    List<String> s = v.states(), c = v.causes();
    home = need(s, "home");
    arrived = need(s, "arrived_south_korea");
    dead = need(s, "dead");
    inChina = flagsFor(s, "hiding_in_china", "in_transit_with_broker", "at_mission", "detained_in_china", "unhcr_review",
        "china_border_camp", "in_third_country");
    inNkDetention = flagsFor(s, "nk_interrogation", "labour_training_camp", "kyohwaso", "kwanliso");
    arrestCause = flagsFor(c, "arrested", "arrested_while_moving", "arrested_in_transit", "arrested_at_mission_gate",
        "returned_to_china");
    repatriationCause = flagsFor(c, "repatriated", "repatriated_from_camp");
    crossed = need(c, "crossed");
    enteredCamp = need(c, "entered_border_camp");
    captured = need(c, "captured_at_border");
    diedCrossing = need(c, "died_crossing");
    turnedBack = need(c, "turned_back_by_china");
    returnedHome = need(c, "returned_home");
    executed = need(c, "executed");
    diedInDetention = need(c, "died_in_detention");
    sentenceCause = new int[c.size()];
    for (int i = 0; i < c.size(); i++) sentenceCause[i] = SENTENCES.indexOf(c.get(i));
  }

  private static int need(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) throw new IllegalStateException("the outcome diagram needs the Korea rules: no '" + name + "'");
    return i;
  }

  private static boolean[] flagsFor(List<String> names, String... wanted) {
    boolean[] f = new boolean[names.size()];
    for (String w : wanted) f[need(names, w)] = true;
    return f;
  }

  @Override
  public void handleDay(int day, EventBuffer ev) {
    int year = calendar.year(day);
    for (int i = 0; i < ev.size(); i++) {
      int a = ev.agent(i);
      if (a < 0) continue;
      grow(a);
      int cause = ev.cause(i), to = ev.to(i), from = ev.from(i);
      state[a] = to;
      if (start[a] == 0) {
        if (from == home) begin(a, year, cause);
        continue;
      }
      if (arrestCause[cause]) flags[a] |= ARRESTED;
      if (repatriationCause[cause]) flags[a] |= ARRESTED | REPATRIATED; // a border camp's repatriation is an arrest too
      if (to == arrived) end(a, "reached_south_korea");
      else if (sentenceCause[cause] >= 0) end(a, "sentence_" + SENTENCES.get(sentenceCause[cause]).substring(10));
      else if (cause == executed) end(a, "executed");
      else if (cause == diedInDetention && (flags[a] & REPATRIATED) != 0) end(a, "died_in_detention");
      else if (to == dead) end(a, "died");
      else if (cause == returnedHome) end(a, "went_home");
    }
  }

  private void begin(int a, int year, int cause) {
    if (cause == diedCrossing || cause == turnedBack) {
      link(year, "crossed", cause == diedCrossing ? "died_crossing" : "turned_back");
      return;
    }
    if (cause != crossed && cause != enteredCamp && cause != captured) return;
    start[a] = year;
    flags[a] = cause == captured ? (byte) (CAPTURED | REPATRIATED) : HID;
  }

  /** Adds the episode's whole path, then forgets it. */
  private void end(int a, String outcome) {
    int y = start[a];
    boolean repatriated = (flags[a] & REPATRIATED) != 0;
    if ((flags[a] & CAPTURED) != 0) {
      link(y, "crossed", "captured_at_border");
      link(y, "captured_at_border", "repatriated");
    } else {
      link(y, "crossed", "hid_in_china");
      if ((flags[a] & ARRESTED) == 0) {
        link(y, "hid_in_china", "not_arrested");
        link(y, "not_arrested", outcome);
      } else {
        link(y, "hid_in_china", "arrested_in_china");
        if (repatriated) {
          link(y, "arrested_in_china", "repatriated");
        } else {
          link(y, "arrested_in_china", "freed_after_arrest");
          link(y, "freed_after_arrest", outcome);
        }
      }
    }
    if (repatriated) link(y, "repatriated", outcome);
    start[a] = 0;
    flags[a] = 0;
  }

  @Override
  public void finish(int lastDay) {
    for (int a = 0; a < start.length; a++) {
      if (start[a] == 0) continue;
      int s = state[a];
      if ((flags[a] & REPATRIATED) != 0) end(a, "awaiting_sentence");
      else if (inChina[s]) end(a, "still_in_china");
      else if (inNkDetention[s]) end(a, "awaiting_sentence");
      else end(a, s == home ? "went_home" : "still_in_china");
    }
  }

  private void link(int year, String source, String target) {
    links.computeIfAbsent("path:" + source + ">" + target, k -> new double[years])[year - firstYear]++;
  }

  private void grow(int a) {
    if (a < start.length) return;
    int n = Math.max(a + 1, start.length * 2);
    start = Arrays.copyOf(start, n);
    flags = Arrays.copyOf(flags, n);
    state = Arrays.copyOf(state, n);
  }

  /** The link series by name (see the class comment). */
  public Map<String, double[]> yearly() {
    return links;
  }
}
