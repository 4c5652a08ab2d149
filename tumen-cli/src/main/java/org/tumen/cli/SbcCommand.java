package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.ReferenceTable;
import org.tumen.calibration.RegressionAbc;
import org.tumen.calibration.Sbc;
import org.tumen.calibration.TableCalibration;
import org.tumen.calibration.TableRecord;
import org.tumen.report.Observed;
import org.tumen.report.RunOutputs;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sbc", mixinStandardHelpOptions = true, description = {"Simulation-based calibration of the table method (docs/FORECASTING.md):"
    + " synthetic records from the prior (table rows), each calibrated on the table without it; coverage of the 50 and 90 percent"
    + " intervals per parameter and rank histograms."})
final class SbcCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--replicates", description = "synthetic records (default: ${DEFAULT-VALUE})")
  int replicates = 200;

  @Option(names = "--out", description = "output folder: sbc.csv, sbc_ranks.csv, sbc.svg (default: calibration/<scenario name>/sbc)")
  Path out;

  @Mixin
  TableOptions table = new TableOptions();

  @Override
  public Integer call() {
    if (replicates < 1) throw new InvalidInputException("--replicates", 0, "", "must be at least 1");
    Scenario s = Tumen.load(scenario);
    ReferenceTable t = table.build(s);
    Observed record = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    TableRecord r = new TableRecord(record, TableCalibration.through(record, t));
    RegressionAbc.Settings settings = table.settings(TableOptions.usable(t) - 1);
    RegressionAbc abc = r.abc(t, settings);
    double[][] theta = new double[t.size()][];
    for (int i = 0; i < theta.length; i++) theta[i] = t.theta(i);
    Sbc.Result result;
    try (Progress bar = Progress.of("sbc", replicates)) {
      result = Sbc.run(abc, t.space().names(), theta, r.matrix(t), replicates, t.seed(), bar::step);
    }
    System.out.print(Sbc.text(result));
    Path dir = out != null ? out : Path.of("calibration", s.name(), "sbc");
    RunOutputs.writeFileAtomically(dir.resolve("sbc.csv"), result.csv());
    RunOutputs.writeFileAtomically(dir.resolve("sbc_ranks.csv"), result.ranksCsv());
    RunOutputs.writeFileAtomically(dir.resolve("sbc.svg"), result.svg("Tumen " + s.name() + ": simulation-based calibration, table of "
        + t.size() + " rows, accepting " + settings.accept()));
    System.out.println("Wrote " + dir.resolve("sbc.csv") + ", " + dir.resolve("sbc_ranks.csv") + " and " + dir.resolve("sbc.svg"));
    return 0;
  }
}
