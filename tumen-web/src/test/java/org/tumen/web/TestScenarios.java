package org.tumen.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A short copy of the flagship scenario (1990 to {@code endYear}) so that tests run in seconds. */
final class TestScenarios {
  private TestScenarios() {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return (Files.isDirectory(here.resolve("scenarios")) ? here : here.getParent()).resolve("scenarios");
  }

  /** Writes {@code dir}/korea: the flagship scenario ending on the last day of {@code endYear}. */
  static Path shortKorea(Path dir, int endYear) {
    try {
      Path src = root().resolve("korea"), dst = dir.resolve("korea");
      Files.createDirectories(dst);
      try (var files = Files.list(src)) {
        for (Path f : files.toList()) {
          String text = Files.readString(f);
          if (f.getFileName().toString().equals("scenario.yaml")) {
            text = text.replace("end: 2030-12-31", "end: " + endYear + "-12-31")
                .replace("../../data/", src.resolve("../../data").normalize() + "/");
          }
          Files.writeString(dst.resolve(f.getFileName()), text);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
