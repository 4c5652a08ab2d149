package org.tumen.flee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The Flee validation suite copied into this module's test resources (FabFlee data, see LICENSE-FabFlee). */
final class SuiteData {
  static final Path SUITE = Path.of("src/test/resources/flee-validation");

  private SuiteData() {}

  static Path conflict(String name) {
    return SUITE.resolve(name);
  }

  /** A writable copy of a conflict folder with the suite's simsetting.yml inside it, for tests that break it. */
  static Path copy(String name, Path into) {
    Path target = into.resolve(name);
    Path source = conflict(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.copy(SUITE.resolve("simsetting.yml"), target.resolve("simsetting.yml"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
