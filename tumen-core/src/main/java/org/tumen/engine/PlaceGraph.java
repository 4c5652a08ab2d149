package org.tumen.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places and the routes between them, built once and then read-only. Edges are stored both ways in
 * compressed rows (CSR) so a rule set can walk a place's neighbours without allocating.
 */
public final class PlaceGraph {
  /** A place as the scenario gives it; rule sets keep any further attributes in their own arrays. */
  public record Place(String name, String kind, String country, double latitude, double longitude) {}

  private final List<Place> places;
  private final Map<String, Integer> index;
  private final int[] offsets;
  private final int[] targets;
  private final double[] distances;
  private final int[] edgeIds;

  private PlaceGraph(List<Place> places, List<int[]> edges, List<Double> lengths) {
    this.places = List.copyOf(places);
    this.index = new HashMap<>();
    for (int i = 0; i < places.size(); i++) index.put(places.get(i).name(), i);
    int n = places.size();
    offsets = new int[n + 1];
    for (int[] e : edges) {
      offsets[e[0] + 1]++;
      offsets[e[1] + 1]++;
    }
    for (int i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    targets = new int[edges.size() * 2];
    distances = new double[edges.size() * 2];
    edgeIds = new int[edges.size() * 2];
    int[] fill = Arrays.copyOf(offsets, n);
    for (int k = 0; k < edges.size(); k++) {
      int a = edges.get(k)[0], b = edges.get(k)[1];
      double d = lengths.get(k);
      targets[fill[a]] = b;
      distances[fill[a]] = d;
      edgeIds[fill[a]++] = k;
      targets[fill[b]] = a;
      distances[fill[b]] = d;
      edgeIds[fill[b]++] = k;
    }
  }

  public int size() {
    return places.size();
  }

  public Place place(int i) {
    return places.get(i);
  }

  public List<Place> places() {
    return places;
  }

  /** The place's index, or -1 when there is no such place. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  public int firstEdge(int place) {
    return offsets[place];
  }

  public int endEdge(int place) {
    return offsets[place + 1];
  }

  public int target(int edgeSlot) {
    return targets[edgeSlot];
  }

  public double distance(int edgeSlot) {
    return distances[edgeSlot];
  }

  /** The route's number in the order the routes were added, the same from both ends. */
  public int edgeId(int edgeSlot) {
    return edgeIds[edgeSlot];
  }

  public int edgeCount() {
    return targets.length / 2;
  }

  /** Great-circle distance in km (haversine, mean Earth radius 6371.0 km). */
  public static double greatCircleKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1), p2 = Math.toRadians(lat2);
    double dp = p2 - p1, dl = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects places and routes; {@link #build} checks references and freezes them. */
  public static final class Builder {
    private final List<Place> places = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<int[]> edges = new ArrayList<>();
    private final List<Double> lengths = new ArrayList<>();

    public int addPlace(Place p) {
      if (index.containsKey(p.name())) throw new IllegalArgumentException("duplicate place " + p.name());
      index.put(p.name(), places.size());
      places.add(p);
      return places.size() - 1;
    }

    public boolean hasPlace(String name) {
      return index.containsKey(name);
    }

    public int addRoute(String from, String to, double km) {
      Integer a = index.get(from), b = index.get(to);
      if (a == null) throw new IllegalArgumentException("unknown place " + from);
      if (b == null) throw new IllegalArgumentException("unknown place " + to);
      if (!(km >= 0)) throw new IllegalArgumentException("distance must be >= 0, got " + km);
      edges.add(new int[] {a, b});
      lengths.add(km);
      return edges.size() - 1;
    }

    public PlaceGraph build() {
      return new PlaceGraph(places, edges, lengths);
    }
  }
}
