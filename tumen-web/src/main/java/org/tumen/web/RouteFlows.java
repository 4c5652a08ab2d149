package org.tumen.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.PlaceGraph;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;

/**
 * Counts people moving along the scenario's routes, per year, for the flow map.
 *
 * <p>The event stream says where a person is after each event. When that place differs from where the
 * person was before, the person went from one to the other; the move is laid on the shortest path between
 * the two places in the route graph, and each route on it is credited one traveller in that direction. A
 * person's very first event (the crossing) has no known previous place, so crossings are counted per place
 * of arrival instead ("cross:PLACE").
 *
 * <p>Series names: {@code route:FROM>TO} (directed, only routes that carried someone) and {@code cross:PLACE}.
 */
public final class RouteFlows implements EventHandler {
  private final PlaceGraph graph;
  private SimCalendar calendar;
  private int firstYear;
  private int[][] pathEdges; // [from * n + to] -> edge slots of the shortest path
  private long[][] slotYear; // [edge slot][year]: travellers leaving the slot's source along it
  private int[] slotSource; // the place each slot leaves from
  private long[][] crossYear; // [place][year]
  private int[] lastPlace = new int[1024];

  public RouteFlows(PlaceGraph graph) {
    this.graph = graph;
  }

  @Override
  public void start(Vocabulary vocabulary, SimCalendar calendar) {
    if (!vocabulary.places().equals(graph.places().stream().map(PlaceGraph.Place::name).toList())) {
      throw new IllegalStateException("the model's places are not the scenario's place graph");
    }
    this.calendar = calendar;
    firstYear = calendar.start().getYear();
    int years = calendar.end().getYear() - firstYear + 1;
    int n = graph.size(), slots = graph.endEdge(n - 1);
    slotYear = new long[slots][years];
    slotSource = new int[slots];
    for (int p = 0; p < n; p++) for (int s = graph.firstEdge(p); s < graph.endEdge(p); s++) slotSource[s] = p;
    crossYear = new long[n][years];
    pathEdges = shortestPaths(graph);
    Arrays.fill(lastPlace, -1);
  }

  @Override
  public void handleDay(int day, EventBuffer ev) {
    int y = calendar.year(day) - firstYear;
    int n = graph.size();
    for (int i = 0; i < ev.size(); i++) {
      int a = ev.agent(i);
      if (a < 0) continue; // a home cohort's row: people who never left
      grow(a);
      int from = lastPlace[a], to = ev.place(i);
      if (from < 0) {
        crossYear[to][y] += ev.count(i);
      } else if (from != to) {
        for (int slot : pathEdges[from * n + to]) slotYear[slot][y] += ev.count(i);
      }
      lastPlace[a] = to;
    }
  }

  private void grow(int agent) {
    if (agent < lastPlace.length) return;
    int old = lastPlace.length;
    lastPlace = Arrays.copyOf(lastPlace, Math.max(agent + 1, old * 2));
    Arrays.fill(lastPlace, old, lastPlace.length, -1);
  }

  /** The yearly series, by name (see the class comment). */
  public Map<String, double[]> yearly() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int s = 0; s < slotYear.length; s++) {
      if (Arrays.stream(slotYear[s]).allMatch(v -> v == 0)) continue;
      String name = "route:" + graph.place(slotSource[s]).name() + ">" + graph.place(graph.target(s)).name();
      out.merge(name, toDouble(slotYear[s]), RouteFlows::add);
    }
    for (int p = 0; p < crossYear.length; p++) {
      if (Arrays.stream(crossYear[p]).anyMatch(v -> v != 0)) out.put("cross:" + graph.place(p).name(), toDouble(crossYear[p]));
    }
    return out;
  }

  private static double[] toDouble(long[] a) {
    return Arrays.stream(a).asDoubleStream().toArray();
  }

  private static double[] add(double[] a, double[] b) {
    double[] c = a.clone();
    for (int i = 0; i < c.length; i++) c[i] += b[i];
    return c;
  }

  /** Floyd-Warshall over the route lengths; the graph has a few dozen places, so n^3 is nothing. */
  static int[][] shortestPaths(PlaceGraph g) {
    int n = g.size();
    double[][] d = new double[n][n];
    int[][] next = new int[n][n]; // next[i][j]: the edge slot to take first from i towards j
    for (double[] row : d) Arrays.fill(row, Double.POSITIVE_INFINITY);
    for (int[] row : next) Arrays.fill(row, -1);
    for (int i = 0; i < n; i++) {
      d[i][i] = 0;
      for (int s = g.firstEdge(i); s < g.endEdge(i); s++) {
        // A tiny per-hop cost makes zero-length routes (a region placed on its crossing point) still count.
        double len = g.distance(s) + 1e-3;
        int j = g.target(s);
        if (len < d[i][j]) {
          d[i][j] = len;
          next[i][j] = s;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        if (d[i][k] == Double.POSITIVE_INFINITY) continue;
        for (int j = 0; j < n; j++) {
          if (d[i][k] + d[k][j] < d[i][j]) {
            d[i][j] = d[i][k] + d[k][j];
            next[i][j] = next[i][k];
          }
        }
      }
    }
    int[][] paths = new int[n * n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int[] path = new int[n];
        int len = 0;
        for (int at = i; at != j && next[at][j] >= 0 && len < n; at = g.target(path[len - 1])) path[len++] = next[at][j];
        paths[i * n + j] = Arrays.copyOf(path, len);
      }
    }
    return paths;
  }
}
