package org.tumen.flee;

import java.util.List;
import org.tumen.engine.SimCalendar;

/**
 * A Flee input folder, read and checked: everything {@link FleeModel} needs, nothing it must parse again.
 *
 * @param name the folder's name (the conflict, e.g. mali2012)
 * @param conflictNames the columns of conflicts.csv, in file order
 * @param conflicts conflict intensity per column and day: {@code conflicts[column][day]}
 */
public record FleeScenario(
    String name,
    SimCalendar calendar,
    FleeSettings settings,
    List<Location> locations,
    List<Route> routes,
    List<Closure> closures,
    List<String> conflictNames,
    double[][] conflicts,
    RegistrationData registrations) {

  public FleeScenario {
    locations = List.copyOf(locations);
    routes = List.copyOf(routes);
    closures = List.copyOf(closures);
    conflictNames = List.copyOf(conflictNames);
  }

  public int days() {
    return calendar.days();
  }

  /** Flee's location types (the location_type column, matched the way Flee matches it: by substring). */
  public enum LocationType {
    CONFLICT_ZONE, TOWN, CAMP, IDP_CAMP, FORWARDING_HUB;

    /** Parses a location_type cell; null when Tumen does not support the type. */
    static LocationType parse(String cell) {
      String t = cell.toLowerCase();
      if (t.contains("camp")) return t.contains("idp") ? IDP_CAMP : CAMP;
      if (t.contains("conflict")) return CONFLICT_ZONE;
      if (t.contains("forward")) return FORWARDING_HUB;
      if (t.contains("default") || t.contains("town")) return TOWN;
      return null;
    }

    boolean isCamp() {
      return this == CAMP || this == IDP_CAMP;
    }
  }

  /**
   * One row of locations.csv.
   *
   * @param conflictDate the conflict_date column for conflict zones (a zone whose date is after day 0 starts as
   *     a town, as in Flee), -1 when blank
   * @param population the population column divided by {@code hasten}: residents for most types, the capacity
   *     for camps
   * @param conflictIntensity the optional conflict_intensity attribute (1.0 when absent)
   * @param initialIdps the optional initial_idps attribute: people placed there on day 0
   */
  public record Location(String name, String region, String country, double latitude, double longitude,
      LocationType type, int conflictDate, int population, double conflictIntensity, int initialIdps) {}

  /**
   * One row of routes.csv (both directions are travelled).
   *
   * @param maxMoveSpeed the optional max_move_speed attribute (km/day), NaN when absent
   * @param walkProbability the optional walk_probability attribute: chance per day of moving at walking speed
   */
  public record Route(String from, String to, double km, int forcedRedirection, double maxMoveSpeed,
      double walkProbability) {}

  /** One row of closures.csv: what closes on day {@code start()} and reopens on day {@code end()}. */
  public sealed interface Closure {
    int start();

    int end();
  }

  /** All routes between the two countries, both ways. */
  public record CountryClosure(String country1, String country2, int start, int end) implements Closure {}

  /** All routes into and out of a location. */
  public record LocationClosure(String location, int start, int end) implements Closure {}

  /** The route between two locations, both ways. */
  public record LinkClosure(String location1, String location2, int start, int end) implements Closure {}

  /** A camp (or IDP camp) that stops being one, becoming a town, until it reopens. */
  public record CampClosure(String location, boolean idp, int start, int end) implements Closure {}

  /**
   * Flee's remove_forced_redirection. Flee 3's route choice ignores forced redirection, so this has no effect;
   * it is accepted so that Flee folders load unchanged.
   */
  public record ForcedRedirectionRemoval(String location1, String location2, int start, int end) implements Closure {}
}
