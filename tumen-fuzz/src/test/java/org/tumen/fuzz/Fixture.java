package org.tumen.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A writable copy of an input folder, made once per JVM (in /dev/shm when there is one), whose files the fuzz
 * targets overwrite for one input and put back afterwards.
 */
final class Fixture {
  final Path root;
  private final Map<Path, byte[]> originals = new LinkedHashMap<>();
  private final List<Path> touched = new ArrayList<>();

  private Fixture(Path root) {
    this.root = root;
  }

  /** The repository's root (the module's parent folder, where surefire runs the tests from the module). */
  static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("scenarios")) ? here : here.getParent();
  }

  static Path scratch(String prefix) {
    try {
      Path shm = Path.of("/dev/shm");
      Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, prefix)
          : Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies {@code from} to {@code into/relative} and remembers the listed files' contents. */
  static Fixture copy(Path root, Path from, String relative, List<String> files) {
    Fixture f = new Fixture(root.resolve(relative));
    copyTree(from, f.root);
    for (String name : files) {
      try {
        f.originals.put(f.root.resolve(name), Files.readAllBytes(f.root.resolve(name)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return f;
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Path> files() {
    return new ArrayList<>(originals.keySet());
  }

  byte[] original(Path file) {
    return originals.get(file);
  }

  void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
      touched.add(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts back every file written since the last restore. */
  void restore() {
    for (Path p : touched) {
      try {
        Files.write(p, originals.get(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    touched.clear();
  }

  static void delete(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
