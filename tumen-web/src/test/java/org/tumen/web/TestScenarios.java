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

  /**
   * Writes {@code dir}/korea-unhcr: the shipped UNHCR variant of {@code dir}/korea (its base), with its one
   * rule change moved from 2026-01-01 to {@code from}, so that a short test run sees it act.
   */
  static void unhcrFrom(Path dir, String from) {
    try {
      Path src = root().resolve("korea-unhcr"), dst = dir.resolve("korea-unhcr");
      Files.createDirectories(dst);
      Files.copy(src.resolve("scenario.yaml"), dst.resolve("scenario.yaml"));
      Files.writeString(dst.resolve("timeline.csv"), Files.readString(src.resolve("timeline.csv")).replace("2026-01-01,", from + ","));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
