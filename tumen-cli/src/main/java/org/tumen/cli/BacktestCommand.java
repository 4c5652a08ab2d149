package org.tumen.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.Distance;
import org.tumen.calibration.ReferenceTable;
import org.tumen.forecast.TableBacktest;
import org.tumen.report.Observed;
import org.tumen.report.RunOutputs;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backtest", mixinStandardHelpOptions = true, description = {"Forecasts from past origins, each calibrated on outcomes dated up"
    + " to it, scored against the record and against three naive baselines (WIS, coverage, MAPE; docs/FORECASTING.md).",
    "Re-analyses of the reference table: no further simulation once the table exists."})
final class BacktestCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--origins", split = ",", description = "forecast origins: calibrate with data up to each, forecast the years after it"
      + " (default: 2003,2005,2007,2009)")
  List<Integer> origins = TableBacktest.ORIGINS;

  @Option(names = "--out", description = "output folder: backtest.csv, discrepancy.csv (default: calibration/<scenario name>/backtest)")
  Path out;

  @Mixin
  TableOptions table = new TableOptions();

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    Observed record = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    // The last year scored: the last of the record's arrivals, or of the scenario if it ends earlier.
    int last = Math.min(Math.min(Distance.TO, s.calendar().end().getYear()),
        record.arrivals().keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
    for (int o : origins) {
      if (o < Distance.ARRIVALS_FROM + 4 || o >= last) {
        throw new InvalidInputException("--origins", 0, Integer.toString(o), "an origin must leave five years of record before it ("
            + (Distance.ARRIVALS_FROM + 4) + " or later) and at least one after it (before " + last + ")");
      }
    }
    ReferenceTable t = table.build(s);
    TableBacktest.Result r;
    int analyses = (int) java.util.stream.IntStream.range(TableBacktest.FIRST_ORIGIN, last).count();
    try (Progress bar = Progress.of("backtest", analyses)) {
      r = TableBacktest.run(t, record, origins, last, table.settings(TableOptions.usable(t)), bar::step);
    }
    System.out.printf(Locale.ROOT, "Backtest of arrivals in South Korea: origins %s, forecasts to %d; table of %,d rows%n%n", origins, last, t.size());
    System.out.print(r.backtest().summary(TableBacktest.MODEL, 4));
    System.out.println("Discrepancy (log-scale sd) in force at each origin, from forecast errors observable then:");
    for (TableBacktest.Discrepancy d : r.discrepancies()) {
      System.out.printf(Locale.ROOT, "  as of %d: sigma %.3f from %d errors%n", d.asOf(), d.sigma(), d.errors());
    }
    Path dir = out != null ? out : Path.of("calibration", s.name(), "backtest");
    RunOutputs.writeFileAtomically(dir.resolve("backtest.csv"), r.backtest().csv());
    RunOutputs.writeFileAtomically(dir.resolve("discrepancy.csv"), r.discrepancyCsv());
    System.out.println("Wrote " + dir.resolve("backtest.csv") + " and " + dir.resolve("discrepancy.csv"));
    return 0;
  }
}
