package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.ReferenceTable;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "abc", mixinStandardHelpOptions = true, description = {"Global calibration: ABC on a reference table of prior simulations,"
    + " with semi-automatic summaries and local-linear regression adjustment (docs/FORECASTING.md).",
    "The table is simulated first (resumable: rerun the same command)."})
final class AbcCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Mixin
  TableOptions table = new TableOptions();

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    ReferenceTable t = table.build(s);
    System.out.println(t);
    return 0;
  }
}
