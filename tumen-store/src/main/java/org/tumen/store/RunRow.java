package org.tumen.store;

import java.time.LocalDateTime;

/**
 * One row of the runs table: a single run, a batch, or a member run of a batch.
 *
 * @param parentId the batch a member run belongs to, or null
 * @param batchIndex the member's position in its batch (its task index), or null
 * @param created when it was recorded, in UTC
 * @param scenario the scenario path (for a comparison, the paths joined with " | ")
 * @param seed the random seed (null for a batch)
 * @param draw the parameter draw (-1: the scenario's own values; null for a batch)
 * @param members number of member runs (0 for a single run)
 * @param firstYear the first year of the run's series (for a batch: the earliest of its members')
 */
public record RunRow(long id, Kind kind, Long parentId, Integer batchIndex, LocalDateTime created,
    String toolVersion, String scenario, String scenarioHash, Long seed, Integer draw, int threads,
    String executor, double wallSeconds, long agentDays, int members, int firstYear, String note) {}
