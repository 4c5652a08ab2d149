package org.tumen.calibration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves the calibration state as JSON in the output folder ({@code checkpoint.json}), atomically: written to
 * a temporary file, then moved over the old one, so a stop at any moment leaves a whole checkpoint.
 * Doubles are written in shortest round-trip form, so a resumed run continues from exactly the same numbers.
 */
public final class Checkpoint implements AbcSmc.Store {
  public static final String FILE = "checkpoint.json";
  private static final ObjectMapper JSON = new ObjectMapper().configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);
  private final Path file;

  public Checkpoint(Path dir) {
    this.file = dir.resolve(FILE);
  }

  @Override
  public AbcSmc.State load() {
    if (!Files.isRegularFile(file)) return null;
    try {
      return JSON.readValue(file.toFile(), AbcSmc.State.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + file + " (delete it to start over)", e);
    }
  }

  @Override
  public void save(AbcSmc.State s) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, FILE, ".tmp");
      JSON.writeValue(tmp.toFile(), s);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + file, e);
    }
  }
}
