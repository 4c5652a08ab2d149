package org.tumen.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tumen.scenario.CsvTable;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Problems;

/**
 * Parameter draws for an ensemble, read from a CSV file: one column per parameter (by its scenario name,
 * e.g. {@code hiding.arrest_rate_border} or {@code crossing.female_ratio@2005}), one row per draw, and an
 * optional {@code draw} column that is ignored (rows are numbered from 0 in file order). Posterior draws of
 * a calibration are meant to be written in this form.
 */
public final class Draws {
  private Draws() {}

  public static List<Map<String, Double>> read(Path file, ParameterSet parameters) {
    Set<String> columns = new HashSet<>(parameters.values().keySet());
    columns.add("draw");
    Problems problems = new Problems();
    CsvTable table = CsvTable.read(file, file.toString(), Set.of(), columns, problems);
    List<Map<String, Double>> draws = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      Map<String, Double> draw = new TreeMap<>();
      for (String name : parameters.values().keySet()) {
        if (!table.hasColumn(name)) continue;
        var p = parameters.get(name);
        // The parameter's own unit bounds what a draw may say (a probability in [0, 1], ...).
        double v = row.number(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (!Double.isNaN(v) && !p.unit().allows(v)) {
          row.problem(name, "value " + v + " is not allowed; a " + p.unit().label + " must be " + p.unit().range());
        }
        draw.put(name, v);
      }
      draws.add(draw);
    }
    if (problems.isEmpty() && draws.isEmpty()) problems.add(file.toString(), 0, "", "no draws (the file has a header only)");
    problems.throwIfAny();
    return draws;
  }
}
