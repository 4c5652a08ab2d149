package org.tumen.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a batch of runs (ensemble, comparison, sweep, calibration) came from.
 *
 * @param kind what the batch was
 * @param toolVersion Tumen's version
 * @param scenarioHashes content hash by scenario path, in the order the user named the scenarios (a
 *     comparison has several); member runs take their hash from here
 * @param executor the batch executor, as it describes itself ({@code local[2]}, {@code spark:local[2]}, ...)
 * @param threads threads per run
 * @param wallSeconds wall time of the whole batch
 * @param note free text the user gave (may be null)
 */
public record BatchMeta(Kind kind, String toolVersion, Map<String, String> scenarioHashes, String executor,
    int threads, double wallSeconds, String note) {
  public BatchMeta {
    if (kind == Kind.RUN) throw new IllegalArgumentException("a batch cannot be of kind run");
    scenarioHashes = new LinkedHashMap<>(scenarioHashes); // keeps the user's order; allows null hashes
  }
}
