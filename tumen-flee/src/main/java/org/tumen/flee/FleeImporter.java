package org.tumen.flee;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tumen.engine.SimCalendar;
import org.tumen.flee.FleeScenario.Closure;
import org.tumen.flee.FleeScenario.Location;
import org.tumen.flee.FleeScenario.LocationType;
import org.tumen.flee.FleeScenario.Route;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

/**
 * Reads a Flee input folder as Flee's users keep it: {@code input_csv/} (locations, routes, closures, conflicts,
 * sim_period, registration_corrections), {@code source_data/} (data_layout.csv and the UNHCR series) and a
 * simsetting.yml. Every mistake found is collected and thrown together as one {@link InvalidInputException}.
 */
public final class FleeImporter {
  /** Extra locations.csv columns (after the eight positional ones) that Flee 3's rules read. */
  static final Set<String> LOCATION_ATTRIBUTES = Set.of("conflict_intensity", "initial_idps");
  /** Extra routes.csv columns (after the four positional ones) that Flee 3's rules read. */
  static final Set<String> ROUTE_ATTRIBUTES = Set.of("max_move_speed", "walk_probability");

  private final List<Problem> problems = new ArrayList<>();
  private final Path folder;

  private FleeImporter(Path folder) {
    this.folder = folder;
  }

  /**
   * Reads a folder. {@code settingsFile} may be null: then {@code FOLDER/simsetting.yml} is used, or the suite's
   * shared {@code FOLDER/../simsetting.yml}.
   */
  public static FleeScenario read(Path folder, Path settingsFile) {
    return new FleeImporter(folder).readAll(settingsFile);
  }

  /** The simsetting.yml used when none is named: the folder's own, else the suite's (one level up). */
  public static Path defaultSettings(Path folder) {
    Path own = folder.resolve("simsetting.yml");
    if (Files.isRegularFile(own)) return own;
    Path parent = folder.toAbsolutePath().getParent();
    Path shared = parent == null ? null : parent.resolve("simsetting.yml");
    return shared != null && Files.isRegularFile(shared) ? shared : own;
  }

  private FleeScenario readAll(Path settingsFile) {
    if (!Files.isDirectory(folder)) throw new InvalidInputException(folder.toString(), 0, "", "not a folder");
    Path settingsPath = settingsFile != null ? settingsFile : defaultSettings(folder);
    FleeSettings settings = FleeSettings.defaults();
    if (!Files.isRegularFile(settingsPath)) {
      problem(settingsPath.toString(), 0, "", "no simsetting.yml (looked in the folder and its parent; name one with --settings)");
    } else {
      try {
        settings = FleeSettings.read(settingsPath);
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    SimCalendar calendar = readPeriod();
    List<Location> locations = readLocations(settings.hasten());
    Map<String, Location> byName = new HashMap<>();
    Set<String> countries = new HashSet<>();
    for (Location l : locations) {
      byName.put(l.name(), l);
      countries.add(l.country());
    }
    List<Route> routes = readRoutes(byName);
    List<Closure> closures = readClosures(byName, countries);
    int days = calendar == null ? 0 : calendar.days();
    List<String> conflictNames = new ArrayList<>();
    double[][] conflicts = readConflicts(byName, days, conflictNames);
    RegistrationData registrations = calendar == null ? null : readRegistrations(calendar.start(), settings.hasten());
    if (registrations != null) {
      readCorrections(registrations, calendar.start());
      for (Location l : locations) {
        if (registrations.has(l.name())) continue;
        if (l.type().isCamp()) {
          problem("source_data/data_layout.csv", 0, l.name(), "camp " + l.name() + " has no registration series (Flee needs one per camp for out.csv)");
        } else if (FleeModel.isCamp(l, settings)) {
          problem("source_data/data_layout.csv", 0, l.name(), l.name() + " becomes a camp, as in Flee, because its move chance in simsetting.yml ("
              + FleeModel.moveChance(FleeModel.startingType(l), settings) + ") is below " + FleeModel.CAMP_MOVE_CHANCE
              + "; a camp needs a registration series");
        }
      }
      if (settings.sumFromCamps() && registrations.headers().isEmpty()) {
        problem("source_data/data_layout.csv", 0, "", "no series listed");
      }
      if (!settings.sumFromCamps() && !registrations.has("total")) {
        problem("source_data/data_layout.csv", 0, "total", "sum_from_camps is false, so a 'total' series is needed");
      }
    }
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    return new FleeScenario(name, calendar, settings, locations, routes, closures, conflictNames, conflicts, registrations);
  }

  // ---- sim_period.csv ----

  /** The longest run the importer accepts: Flee's own cases run for months to a few years. */
  static final int MAX_DAYS = 36_525;

  private SimCalendar readPeriod() {
    String file = "input_csv/sim_period.csv";
    LocalDate start = null;
    Integer length = null;
    for (CsvRecord r : rows(file, true)) {
      if (isComment(r)) continue;
      String key = r.getField(0).trim();
      int line = (int) r.getStartingLineNumber();
      if (r.getFieldCount() < 2) {
        problem(file, line, key, "expected KEY,VALUE");
        continue;
      }
      String v = r.getField(1).trim();
      switch (key) {
        case "StartDate" -> start = date(file, line, key, v);
        case "Length" -> length = integer(file, line, key, v);
        default -> problem(file, line, key, "unknown key (expected StartDate and Length)");
      }
    }
    if (start == null || length == null) {
      if (Files.isRegularFile(folder.resolve(file))) problem(file, 0, "", "needs both StartDate and Length rows");
      return null;
    }
    if (length < 1 || length > MAX_DAYS) {
      problem(file, 0, "Length", "must be between 1 and " + MAX_DAYS + " days (100 years), got " + length);
      return null;
    }
    if (start.isAfter(LocalDate.MAX.minusDays(length))) {
      problem(file, 0, "StartDate", "a run of " + length + " days from " + start + " ends after the last date there is");
      return null;
    }
    return new SimCalendar(start, start.plusDays(length - 1));
  }

  // ---- locations.csv ----

  private List<Location> readLocations(int hasten) {
    String file = "input_csv/locations.csv";
    List<Location> out = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean headerSeen = false;
    for (CsvRecord r : rows(file, true)) {
      int line = (int) r.getStartingLineNumber();
      if (isComment(r)) {
        // The first comment line is the header; columns after the eighth name static attributes.
        if (!headerSeen) {
          headerSeen = true;
          extraColumns(file, line, r, 8, LOCATION_ATTRIBUTES, "location", extra);
        }
        continue;
      }
      if (r.getFieldCount() < 8) {
        problem(file, line, "", "expected 8 columns (name,region,country,latitude,longitude,location_type,conflict_date,population), got " + r.getFieldCount());
        continue;
      }
      String name = r.getField(0).trim();
      if (!seen.add(name)) problem(file, line, name, "duplicate location name");
      String country = r.getField(2).trim();
      if (country.isEmpty()) country = "unknown";
      double lat = r.getField(3).isBlank() ? 0 : number(file, line, "latitude", r.getField(3));
      double lon = r.getField(4).isBlank() ? 0 : number(file, line, "longitude", r.getField(4));
      LocationType type = LocationType.parse(r.getField(5).trim());
      if (type == null) {
        problem(file, line, "location_type", "unsupported location type '" + r.getField(5).trim() + "' (Tumen supports conflict_zone, town, camp, idpcamp, forwarding_hub)");
        continue;
      }
      int conflictDate = -1;
      if (type == LocationType.CONFLICT_ZONE) {
        conflictDate = r.getField(6).isBlank() ? badInt(file, line, "conflict_date", "a conflict zone needs a conflict_date") : integer(file, line, "conflict_date", r.getField(6));
      }
      int population = r.getField(7).isBlank() ? 0 : integer(file, line, "population", r.getField(7));
      if (population < 0) problem(file, line, "population", "must be >= 0, got " + population);
      double intensity = 1.0;
      int idps = 0;
      for (int i = 0; i < extra.size() && 8 + i < r.getFieldCount(); i++) {
        String v = r.getField(8 + i).trim();
        if (v.isEmpty()) continue;
        switch (extra.get(i)) {
          case "conflict_intensity" -> intensity = number(file, line, "conflict_intensity", v);
          case "initial_idps" -> {
            idps = integer(file, line, "initial_idps", v);
            if (idps < 0) problem(file, line, "initial_idps", "must be >= 0, got " + idps);
          }
          default -> { }
        }
      }
      out.add(new Location(name, r.getField(1).trim(), country, lat, lon, type, conflictDate, population / hasten, intensity, idps));
    }
    if (out.isEmpty() && Files.isRegularFile(folder.resolve(file))) problem(file, 0, "", "no locations");
    return out;
  }

  /**
   * The header's attribute columns after the positional ones, in order, into {@code extra}; a column Tumen does
   * not read is a problem.
   */
  private void extraColumns(String file, int line, CsvRecord header, int from, Set<String> supported, String what,
      List<String> extra) {
    for (int i = from; i < header.getFieldCount(); i++) {
      String col = header.getField(i).trim();
      extra.add(col);
      if (!supported.contains(col)) {
        problem(file, line, col, "unsupported " + what + " attribute column (Tumen reads "
            + String.join(", ", supported.stream().sorted().toList()) + ")");
      }
    }
  }

  // ---- routes.csv ----

  private List<Route> readRoutes(Map<String, Location> byName) {
    String file = "input_csv/routes.csv";
    List<Route> out = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    boolean headerSeen = false;
    for (CsvRecord r : rows(file, true)) {
      int line = (int) r.getStartingLineNumber();
      if (isComment(r)) {
        if (!headerSeen) {
          headerSeen = true;
          extraColumns(file, line, r, 4, ROUTE_ATTRIBUTES, "route", extra);
        }
        continue;
      }
      if (r.getFieldCount() < 3) {
        problem(file, line, "", "expected name1,name2,distance[,forced_redirection], got " + r.getFieldCount() + " columns");
        continue;
      }
      String a = r.getField(0).trim(), b = r.getField(1).trim();
      if (!byName.containsKey(a)) problem(file, line, "name1", "unknown location '" + a + "'");
      if (!byName.containsKey(b)) problem(file, line, "name2", "unknown location '" + b + "'");
      double km = number(file, line, "distance", r.getField(2));
      if (km < 0) problem(file, line, "distance", "must be >= 0, got " + km);
      int forced = r.getFieldCount() > 3 && !r.getField(3).isBlank() ? integer(file, line, "forced_redirection", r.getField(3)) : 0;
      if (forced < 0 || forced > 2) problem(file, line, "forced_redirection", "must be 0, 1 or 2, got " + forced);
      double speed = Double.NaN, walk = 0;
      for (int i = 0; i < extra.size() && 4 + i < r.getFieldCount(); i++) {
        String v = r.getField(4 + i).trim();
        if (v.isEmpty()) continue;
        if (extra.get(i).equals("max_move_speed")) speed = number(file, line, "max_move_speed", v);
        if (extra.get(i).equals("walk_probability")) walk = number(file, line, "walk_probability", v);
      }
      out.add(new Route(a, b, km, forced, speed, walk));
    }
    return out;
  }

  // ---- closures.csv ----

  private List<Closure> readClosures(Map<String, Location> byName, Set<String> countries) {
    String file = "input_csv/closures.csv";
    List<Closure> out = new ArrayList<>();
    for (CsvRecord r : rows(file, true)) {
      int line = (int) r.getStartingLineNumber();
      if (isComment(r)) continue;
      if (r.getFieldCount() < 5) {
        problem(file, line, "", "expected closure_type,name1,name2,closure_start,closure_end");
        continue;
      }
      String kind = r.getField(0).trim(), n1 = r.getField(1).trim(), n2 = r.getField(2).trim();
      int start = integer(file, line, "closure_start", r.getField(3));
      int end = integer(file, line, "closure_end", r.getField(4));
      switch (kind) {
        case "country" -> {
          if (!countries.contains(n1)) problem(file, line, "name1", "no location has country '" + n1 + "'");
          if (!countries.contains(n2)) problem(file, line, "name2", "no location has country '" + n2 + "'");
          out.add(new FleeScenario.CountryClosure(n1, n2, start, end));
        }
        case "location" -> {
          if (!byName.containsKey(n1)) problem(file, line, "name1", "unknown location '" + n1 + "'");
          out.add(new FleeScenario.LocationClosure(n1, start, end));
        }
        case "link" -> {
          if (!byName.containsKey(n1)) problem(file, line, "name1", "unknown location '" + n1 + "'");
          if (!byName.containsKey(n2)) problem(file, line, "name2", "unknown location '" + n2 + "'");
          out.add(new FleeScenario.LinkClosure(n1, n2, start, end));
        }
        case "camp", "idpcamp" -> {
          if (!byName.containsKey(n1)) problem(file, line, "name1", "unknown location '" + n1 + "'");
          out.add(new FleeScenario.CampClosure(n1, kind.equals("idpcamp"), start, end));
        }
        case "remove_forced_redirection" -> {
          if (!byName.containsKey(n1)) problem(file, line, "name1", "unknown location '" + n1 + "'");
          if (!byName.containsKey(n2)) problem(file, line, "name2", "unknown location '" + n2 + "'");
          out.add(new FleeScenario.ForcedRedirectionRemoval(n1, n2, start, end));
        }
        default -> problem(file, line, "closure_type", "unknown closure type '" + kind + "' (country, location, link, camp, idpcamp, remove_forced_redirection)");
      }
    }
    return out;
  }

  // ---- conflicts.csv ----

  private double[][] readConflicts(Map<String, Location> byName, int days, List<String> names) {
    String file = "input_csv/conflicts.csv";
    List<double[]> rows = new ArrayList<>();
    boolean header = true;
    for (CsvRecord r : rows(file, true)) {
      int line = (int) r.getStartingLineNumber();
      if (header) {
        // Flee takes the first row as the header whether or not it starts with '#'.
        header = false;
        for (int i = 1; i < r.getFieldCount(); i++) {
          String n = r.getField(i).trim();
          if (n.isEmpty()) continue;
          if (!byName.containsKey(n)) problem(file, line, n, "unknown location '" + n + "' in the header");
          names.add(n);
        }
        continue;
      }
      if (r.getFieldCount() == 1 && r.getField(0).isBlank()) continue;
      if (r.getFieldCount() - 1 < names.size()) {
        problem(file, line, "", "expected " + (names.size() + 1) + " columns, got " + r.getFieldCount());
        continue;
      }
      double[] v = new double[names.size()];
      for (int i = 0; i < v.length; i++) v[i] = number(file, line, names.get(i), r.getField(i + 1));
      rows.add(v);
    }
    if (Files.isRegularFile(folder.resolve(file)) && rows.size() < days) {
      problem(file, 0, "", "has " + rows.size() + " day rows but the simulation runs " + days + " days (one row per day is needed)");
    }
    double[][] out = new double[names.size()][days];
    for (int d = 0; d < Math.min(days, rows.size()); d++) {
      for (int i = 0; i < names.size(); i++) out[i][d] = rows.get(d)[i];
    }
    return out;
  }

  // ---- source_data ----

  private RegistrationData readRegistrations(LocalDate start, int hasten) {
    String file = "source_data/data_layout.csv";
    List<String> headers = new ArrayList<>();
    List<double[]> days = new ArrayList<>(), counts = new ArrayList<>();
    for (CsvRecord r : rows(file, true)) {
      int line = (int) r.getStartingLineNumber();
      if (isComment(r) || r.getFieldCount() < 2) continue;
      String name = r.getField(0).trim();
      double[][] series = readSeries("source_data/" + r.getField(1).trim(), start, hasten);
      for (int i = 2; i < r.getFieldCount(); i++) {
        if (r.getField(i).isBlank()) continue;
        double[][] more = readSeries("source_data/" + r.getField(i).trim(), start, hasten);
        if (series[0].length == 0 || more[0].length == 0) {
          problem(file, line, name, "cannot merge an empty series");
          continue;
        }
        series = RegistrationData.addTables(series[0], series[1], more[0], more[1]);
      }
      if (series[0].length == 0) problem(file, line, name, "series " + r.getField(1).trim() + " has no data rows");
      headers.add(name);
      days.add(series[0]);
      counts.add(series[1]);
    }
    return new RegistrationData(headers, days.toArray(double[][]::new), counts.toArray(double[][]::new));
  }

  /** One UNHCR series: rows of YYYY-MM-DD,count; '#' rows, an optional Date header and blank counts skipped. */
  private double[][] readSeries(String file, LocalDate start, int hasten) {
    List<double[]> rows = new ArrayList<>();
    boolean first = true;
    for (CsvRecord r : rows(file, true)) {
      int line = (int) r.getStartingLineNumber();
      boolean wasFirst = first;
      first = false;
      if (r.getFieldCount() < 2 || isComment(r) || r.getField(1).isBlank()) continue;
      String d = r.getField(0).trim();
      if (wasFirst && (d.equals("Date") || d.equals("DateTime") || d.isEmpty())) continue;
      LocalDate date = date(file, line, "date", d);
      double count = number(file, line, "count", r.getField(1));
      if (count < 0) problem(file, line, "count", "must be >= 0, got " + r.getField(1).trim());
      if (date != null) rows.add(new double[] {date.toEpochDay() - start.toEpochDay(), count / hasten});
    }
    double[][] out = new double[2][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      out[0][i] = rows.get(i)[0];
      out[1][i] = rows.get(i)[1];
    }
    return out;
  }

  private void readCorrections(RegistrationData data, LocalDate start) {
    String file = "input_csv/registration_corrections.csv";
    if (!Files.isRegularFile(folder.resolve(file))) return; // optional in Flee too
    for (CsvRecord r : rows(file, false)) {
      int line = (int) r.getStartingLineNumber();
      if (isComment(r) || r.getFieldCount() < 2) continue;
      String name = r.getField(0).trim();
      LocalDate date = date(file, line, "date", r.getField(1).trim());
      if (r.getFieldCount() > 2 && !r.getField(2).isBlank() && !r.getField(2).trim().equals("normalize")) {
        problem(file, line, "mode", "unknown correction '" + r.getField(2).trim() + "' (only normalize)");
      }
      if (!data.has(name)) {
        problem(file, line, name, "no series of that name in data_layout.csv");
        continue;
      }
      if (date != null && !data.correct(name, (int) (date.toEpochDay() - start.toEpochDay()))) {
        problem(file, line, name, "no row dated " + date + " in the series of " + name + " (the correction date must be a data row)");
      }
    }
  }

  // ---- helpers ----

  private List<CsvRecord> rows(String file, boolean required) {
    Path p;
    try {
      p = folder.resolve(file);
    } catch (java.nio.file.InvalidPathException e) { // a name from data_layout.csv with a NUL character, say
      problem(file.replace("\0", "\\0"), 0, "", "not a usable file name");
      return List.of();
    }
    if (!Files.isRegularFile(p)) {
      if (required) problem(file, 0, "", "missing file");
      return List.of();
    }
    try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
        .allowMissingFields(true).ofCsvRecord(p)) {
      return reader.stream().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      problem(file, 0, "", "malformed CSV: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean isComment(CsvRecord r) {
    return r.getField(0).startsWith("#");
  }

  private void problem(String file, int line, String key, String message) {
    problems.add(new Problem(file, line, key, message));
  }

  private int badInt(String file, int line, String key, String message) {
    problem(file, line, key, message);
    return 0;
  }

  private int integer(String file, int line, String key, String v) {
    String t = v.trim();
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      // Whole numbers written as 123.0 are common in exported sheets; anything else is a mistake.
      try {
        double d = Double.parseDouble(t);
        if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) return (int) d;
      } catch (NumberFormatException ignored) {
        // reported below
      }
      problem(file, line, key, "expected a whole number, got '" + t + "'");
      return 0;
    }
  }

  private double number(String file, int line, String key, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isFinite(d)) return d;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problem(file, line, key, "expected a number, got '" + v.trim() + "'");
    return 0;
  }

  private LocalDate date(String file, int line, String key, String v) {
    try {
      return LocalDate.parse(v.trim());
    } catch (DateTimeParseException e) {
      problem(file, line, key, "expected a date YYYY-MM-DD, got '" + v.trim() + "'");
      return null;
    }
  }
}
