package org.tumen.korea;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.tumen.engine.PlaceGraph;
import org.tumen.scenario.InvalidInputException;

/**
 * What the rules need to know of the places graph, worked out once: where each home region crosses,
 * where a person in China can move, the nearest mission, and how far each route out of China is.
 */
final class KoreaGeography {
  static final int ROUTE_MONGOLIA = 0, ROUTE_LAOS = 1, ROUTE_VIETNAM = 2;

  final PlaceGraph graph;
  final int mongolia, laos, thailand, vietnam, southKorea;
  /** Per home region: the China places reached through its crossing points, cumulative choice weights. */
  final int[][] crossInto;
  final double[][] crossCumulative;
  /** Per home region: km to its nearest crossing point. */
  final double[] kmToCrossing;
  /** Per China place: neighbouring China places and cumulative choice weights (1/km). */
  final int[][] moveTo;
  final double[][] moveCumulative;
  /** Per China place: nearest mission, or -1. */
  final int[] nearestMission;
  /** Per China place and route: km to the route's first third country (Infinity when unreachable). */
  final double[][] routeKm;
  /** Per place: itself when in China, else the nearest China place one route away (or -1). */
  final int[] nearestChina;
  final boolean[] inChina;
  final boolean[] border;

  KoreaGeography(PlaceGraph g) {
    this.graph = g;
    int n = g.size();
    mongolia = g.indexOf("mongolia");
    laos = g.indexOf("laos");
    thailand = g.indexOf("thailand");
    vietnam = g.indexOf("vietnam");
    southKorea = g.indexOf("south_korea");
    crossInto = new int[n][];
    crossCumulative = new double[n][];
    kmToCrossing = new double[n];
    moveTo = new int[n][];
    moveCumulative = new double[n][];
    nearestMission = new int[n];
    routeKm = new double[n][3];
    inChina = new boolean[n];
    border = new boolean[n];
    for (int i = 0; i < n; i++) {
      String k = g.place(i).kind();
      inChina[i] = k.equals("china_border") || k.equals("china_inland");
      border[i] = k.equals("china_border");
    }
    nearestChina = new int[n];
    for (int i = 0; i < n; i++) {
      nearestChina[i] = inChina[i] ? i : -1;
      double best = Double.POSITIVE_INFINITY;
      for (int e = g.firstEdge(i); e < g.endEdge(i) && !inChina[i]; e++) {
        if (inChina[g.target(e)] && g.distance(e) < best) {
          best = g.distance(e);
          nearestChina[i] = g.target(e);
        }
      }
    }
    for (String name : new String[] {"laos", "vietnam", "mongolia"}) {
      int i = g.indexOf(name);
      if (i >= 0 && nearestChina[i] < 0) {
        throw new InvalidInputException("routes.csv", 0, name, "needs a route to a place in China (people can be sent back)");
      }
    }
    // Distances over Chinese territory only (plus the target), so routes do not cut through Korea.
    double[][] fromMongolia = shortest(mongolia), fromLaos = shortest(laos), fromVietnam = shortest(vietnam);
    for (int i = 0; i < n; i++) {
      String kind = g.place(i).kind();
      if (kind.equals("home_region")) {
        // One entry per (crossing point, China border place) pair: a crossing point may lead to several.
        int pairs = 0;
        for (int e = g.firstEdge(i); e < g.endEdge(i); e++) {
          int cp = g.target(e);
          if (!g.place(cp).kind().equals("crossing_point")) continue;
          for (int f = g.firstEdge(cp); f < g.endEdge(cp); f++) if (border[g.target(f)]) pairs++;
        }
        int[] into = new int[pairs];
        double[] cum = new double[pairs];
        int m = 0;
        double total = 0, best = Double.POSITIVE_INFINITY;
        for (int e = g.firstEdge(i); e < g.endEdge(i); e++) {
          int cp = g.target(e);
          if (!g.place(cp).kind().equals("crossing_point")) continue;
          best = Math.min(best, g.distance(e));
          for (int f = g.firstEdge(cp); f < g.endEdge(cp); f++) {
            if (!border[g.target(f)]) continue;
            into[m] = g.target(f);
            total += 1.0 / Math.max(1.0, g.distance(e) + g.distance(f));
            cum[m++] = total;
          }
        }
        crossInto[i] = Arrays.copyOf(into, m);
        crossCumulative[i] = normalise(Arrays.copyOf(cum, m), total);
        kmToCrossing[i] = best;
      }
      if (inChina[i]) {
        int[] to = new int[g.endEdge(i) - g.firstEdge(i)];
        double[] cum = new double[to.length];
        int m = 0;
        double total = 0;
        for (int e = g.firstEdge(i); e < g.endEdge(i); e++) {
          if (!inChina[g.target(e)]) continue;
          to[m] = g.target(e);
          total += 1.0 / Math.max(1.0, g.distance(e));
          cum[m++] = total;
        }
        moveTo[i] = Arrays.copyOf(to, m);
        moveCumulative[i] = normalise(Arrays.copyOf(cum, m), total);
        routeKm[i][ROUTE_MONGOLIA] = fromMongolia[0][i];
        routeKm[i][ROUTE_LAOS] = fromLaos[0][i];
        routeKm[i][ROUTE_VIETNAM] = fromVietnam[0][i];
        nearestMission[i] = nearest(i, "mission");
        if (nearestMission[i] >= 0 && nearestChina[nearestMission[i]] < 0) {
          throw new InvalidInputException("routes.csv", 0, g.place(nearestMission[i]).name(), "a mission needs a route to a place in China");
        }
        if (nearestMission[i] < 0) {
          throw new InvalidInputException("routes.csv", 0, g.place(i).name(), "no mission can be reached from this place");
        }
        if (Double.isInfinite(routeKm[i][ROUTE_LAOS]) && Double.isInfinite(routeKm[i][ROUTE_MONGOLIA])
            && Double.isInfinite(routeKm[i][ROUTE_VIETNAM])) {
          throw new InvalidInputException("routes.csv", 0, g.place(i).name(), "no third country can be reached from this place");
        }
      } else {
        nearestMission[i] = -1;
      }
    }
  }

  private static double[] normalise(double[] cum, double total) {
    for (int i = 0; i < cum.length; i++) cum[i] /= total;
    if (cum.length > 0) cum[cum.length - 1] = 1;
    return cum;
  }

  /** Dijkstra from a target over China places; result[0][place] = km. */
  private double[][] shortest(int target) {
    double[] dist = new double[graph.size()];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    if (target < 0) return new double[][] {dist};
    dist[target] = 0;
    PriorityQueue<double[]> q = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    q.add(new double[] {0, target});
    while (!q.isEmpty()) {
      double[] top = q.poll();
      int u = (int) top[1];
      if (top[0] > dist[u]) continue;
      for (int e = graph.firstEdge(u); e < graph.endEdge(u); e++) {
        int v = graph.target(e);
        if (!inChina[v]) continue;
        double d = dist[u] + graph.distance(e);
        if (d < dist[v]) {
          dist[v] = d;
          q.add(new double[] {d, v});
        }
      }
    }
    return new double[][] {dist};
  }

  /** The nearest place of a kind, walking over China places; -1 when none is reachable. */
  private int nearest(int from, String kind) {
    double[] dist = new double[graph.size()];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    dist[from] = 0;
    PriorityQueue<double[]> q = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    q.add(new double[] {0, from});
    while (!q.isEmpty()) {
      double[] top = q.poll();
      int u = (int) top[1];
      if (top[0] > dist[u]) continue;
      if (graph.place(u).kind().equals(kind)) return u;
      if (u != from && !inChina[u]) continue;
      for (int e = graph.firstEdge(u); e < graph.endEdge(u); e++) {
        int v = graph.target(e);
        double d = dist[u] + graph.distance(e);
        if (d < dist[v]) {
          dist[v] = d;
          q.add(new double[] {d, v});
        }
      }
    }
    return -1;
  }

  static int pick(int[] options, double[] cumulative, double u) {
    int i = 0;
    while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
    return options[i];
  }
}
