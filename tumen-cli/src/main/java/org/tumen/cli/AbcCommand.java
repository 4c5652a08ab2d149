package org.tumen.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.Calibration;
import org.tumen.calibration.ReferenceTable;
import org.tumen.calibration.RegressionAbc;
import org.tumen.calibration.TableCalibration;
import org.tumen.report.Observed;
import org.tumen.report.RunOutputs;
import org.tumen.scenario.Posterior;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "abc", mixinStandardHelpOptions = true, description = {"Global calibration: ABC on a reference table of prior simulations,"
    + " with semi-automatic summaries and local-linear regression adjustment (docs/FORECASTING.md).",
    "The table is simulated first (resumable: rerun the same command); sbc and backtest analyse the same table."})
final class AbcCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--out", description = "output folder: posterior.csv, parameters.txt (default: calibration/<scenario name>/abc)")
  Path out;

  @Option(names = "--install", description = "also write the posterior into the scenario folder (scenario.yaml: posterior: posterior.csv)")
  boolean install;

  @Mixin
  TableOptions table = new TableOptions();

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    ReferenceTable t = table.build(s);
    Observed record = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    int usable = TableOptions.usable(t);
    RegressionAbc.Settings settings = table.settings(usable);
    TableCalibration.Result r = TableCalibration.run(t, record, TableCalibration.through(record, t), settings);
    Posterior p = r.posterior();
    System.out.printf(Locale.ROOT, "Table: %,d rows, %,d usable (%,d cut by the event cap); record %d-%d, %d features; accepted %d of a pilot"
        + " region of %d; %d of %d parameters estimated (R2 >= %.2f)%s%n", t.size(), usable, t.size() - usable, 1996, r.record().through(),
        r.record().names().size(), settings.accept(), settings.train(), r.post().estimatedCount(), t.space().dimension(), settings.minR2(),
        r.post().adjusted() ? "" : "; too few rows accepted for the regression adjustment: not adjusted");
    long maxEvents = 0;
    for (int i : r.post().rows()) maxEvents = Math.max(maxEvents, t.events(i));
    System.out.printf(Locale.ROOT, "Most events of an accepted row: %,d (the cap: %,d)%n%n", maxEvents, table.maxEvents);
    String params = r.parametersText();
    System.out.print(params);
    System.out.println();
    System.out.print(r.hiddenText());
    Path dir = out != null ? out : Path.of("calibration", s.name(), "abc");
    p.write(dir.resolve(Calibration.POSTERIOR));
    RunOutputs.writeFileAtomically(dir.resolve("parameters.txt"), params + "\n" + r.hiddenText());
    System.out.println("Wrote " + dir.resolve(Calibration.POSTERIOR) + " (" + p.names().size() + " estimated parameters, " + p.size()
        + " weighted rows) and " + dir.resolve("parameters.txt"));
    if (install) {
      Calibration.install(s.dir(), p);
      System.out.println("Installed the posterior in " + s.dir().resolve(Calibration.POSTERIOR));
    }
    return 0;
  }
}
