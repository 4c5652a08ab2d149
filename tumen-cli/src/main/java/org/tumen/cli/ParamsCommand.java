package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.scenario.Parameter;
import org.tumen.scenario.ParameterSpec;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Lists every number of a scenario with its unit, meaning, value and source or prior, as a Markdown table. */
@Command(name = "params", mixinStandardHelpOptions = true, description = "List a scenario's parameters (value, unit, source or prior) as a Markdown table.")
final class ParamsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO")
  Path scenario;

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    java.util.Map<String, String> meaning = new java.util.HashMap<>();
    for (ParameterSpec p : s.rules().parameters()) meaning.put(p.name(), p.meaning());
    System.out.println("| parameter | meaning | value | unit | source | prior (calibrated) |");
    System.out.println("|---|---|---|---|---|---|");
    for (Parameter p : s.parameters().all()) {
      String prior = p.prior() == null ? "" : "[" + fmt(p.prior().min()) + ", " + fmt(p.prior().max()) + "]" + (p.prior().log() ? " log" : "");
      System.out.printf("| `%s` | %s | %s | %s | %s | %s |%n", p.name(), cell(meaning.getOrDefault(p.base(), "timeline effect")),
          fmt(p.value()), p.unit().label, cell(p.source() == null ? "" : p.source()), prior);
    }
    return 0;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : Double.toString(v);
  }
}
