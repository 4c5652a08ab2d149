package org.tumen.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tumen.Tumen;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;

/**
 * The scenarios the server offers: the sub-folders of one directory that hold a scenario.yaml, known by
 * folder name. Names are checked against a strict pattern before they touch the file system, so a request
 * cannot reach outside the directory.
 */
final class Scenarios {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final Path root;
  private final Map<String, Scenario> loaded = new ConcurrentHashMap<>();

  Scenarios(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** Folder names with a scenario.yaml, sorted. */
  List<String> names() {
    if (!Files.isDirectory(root)) return List.of();
    try (Stream<Path> s = Files.list(root)) {
      List<String> out = new ArrayList<>();
      s.filter(p -> Files.isRegularFile(p.resolve("scenario.yaml"))).map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches()).sorted().forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The loaded scenario; 404 for an unknown or malformed name, 400 (with the problems) for a broken one. */
  Scenario get(String name) {
    if (name == null || !NAME.matcher(name).matches() || !names().contains(name)) {
      throw ApiException.notFound("no scenario '" + name + "'; the server offers " + names());
    }
    try {
      return loaded.computeIfAbsent(name, n -> Tumen.load(root.resolve(n)));
    } catch (InvalidInputException e) {
      throw ApiException.of(e);
    }
  }

  /** The scenario a stored run names by path, if it is one of ours; null otherwise. */
  Scenario byPathOrName(String pathOrName) {
    if (pathOrName == null) return null;
    String name = Path.of(pathOrName).getFileName() == null ? pathOrName : Path.of(pathOrName).getFileName().toString();
    try {
      return get(name);
    } catch (ApiException e) {
      return null;
    }
  }
}
