package org.tumen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tumen.flee.FleeImporter;
import org.tumen.flee.FleeRun;
import org.tumen.flee.FleeScenario;
import org.tumen.scenario.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tumen flee-suite DIR}: runs every conflict folder of a Flee validation suite over several seeds and prints
 * one Markdown table row per conflict (work, time and the averaged relative difference, mean over seeds).
 */
@Command(name = "flee-suite", mixinStandardHelpOptions = true,
    description = "Run every conflict of a Flee validation suite and print days, agents, agent-steps, wall time and ARD.")
public final class FleeSuiteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "suite folder: one sub-folder per conflict, simsetting.yml at the top")
  Path dir;

  @Option(names = "--seeds", defaultValue = "10", description = "seeds 1..N per conflict (default ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--threads", description = "worker threads (default: available processors)")
  Integer threads;

  @Option(names = "--only", split = ",", paramLabel = "NAME", description = "run only these conflicts")
  List<String> only;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (seeds < 1) {
      err.println("error: --seeds must be at least 1");
      return 2;
    }
    List<Path> conflicts;
    try (Stream<Path> s = Files.list(dir)) {
      conflicts = s.filter(p -> Files.isDirectory(p.resolve("input_csv")))
          .filter(p -> only == null || only.contains(p.getFileName().toString())).sorted().toList();
    } catch (IOException e) {
      err.println("error: " + dir + ": cannot list folder (" + e.getMessage() + ")");
      return 2;
    }
    if (conflicts.isEmpty()) {
      err.println("error: " + dir + ": no conflict folders (sub-folders with input_csv/)");
      return 2;
    }
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    out.printf("seeds 1..%d, %d threads%n", seeds, n);
    out.println("| conflict | days | final agents | agent-steps | wall time per run (s) | agent-steps/s | ARD rescaled | ARD |");
    out.println("|---|---|---|---|---|---|---|---|");
    out.flush();
    int status = 0;
    for (Path c : conflicts) {
      try {
        FleeScenario scenario = FleeImporter.read(c, null);
        double plain = 0, rescaled = 0, seconds = 0;
        long steps = 0, agents = 0;
        for (int seed = 1; seed <= seeds; seed++) {
          FleeRun run = FleeRun.run(scenario, seed, n);
          plain += run.ard().plain();
          rescaled += run.ard().rescaled();
          seconds += run.seconds();
          steps = run.agentSteps();
          agents = run.model().agents();
        }
        out.printf(java.util.Locale.ROOT, "| %s | %d | %,d | %,d | %.2f | %.3g | %.3f | %.3f |%n", scenario.name(), scenario.days(), agents,
            steps, seconds / seeds, steps / (seconds / seeds), rescaled / seeds, plain / seeds);
        out.flush();
      } catch (InvalidInputException e) {
        err.println("error: " + c.getFileName() + ":");
        FleeCommand.report(err, e);
        status = 2;
      }
    }
    return status;
  }
}
