package org.tumen.store;

import java.util.List;
import java.util.Map;

/**
 * Everything the store holds about one row of the runs table.
 *
 * @param parameters parameter values by name (for a batch: none; see its members)
 * @param firstYear the first year of {@code yearly}
 * @param yearly series by name, indexed from {@code firstYear} (empty for a batch)
 * @param bands quantile bands, for ensembles and comparisons
 */
public record RunDetail(RunRow run, Map<String, Double> parameters, int firstYear, Map<String, double[]> yearly,
    List<Band> bands) {}
