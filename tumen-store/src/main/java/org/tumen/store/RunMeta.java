package org.tumen.store;

/**
 * Where a single run came from, besides what its {@link org.tumen.batch.RunSummary} says.
 *
 * @param toolVersion Tumen's version
 * @param scenarioHash content hash of the scenario folder (as in manifest.json), or null
 * @param threads threads the run used
 * @param note free text the user gave (may be null)
 */
public record RunMeta(String toolVersion, String scenarioHash, int threads, String note) {}
