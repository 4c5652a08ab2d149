package org.tumen.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.scenario.InvalidInputException;
import org.tumen.store.ResultsStore;
import org.tumen.web.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Write a self-contained HTML report (charts inlined, opens offline) of a stored"
    + " run, ensemble or comparison.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_OR_ENSEMBLE", description = "the id of a run, ensemble or comparison in the results store")
  String id;

  @Option(names = "--out", required = true, description = "the HTML file to write")
  Path out;

  @Option(names = "--store", description = "results store (default: $TUMEN_STORE or tumen-runs.duckdb)")
  Path store;

  @Option(names = "--scenarios", description = "folder of scenario folders, for the map and the observed record (default: ${DEFAULT-VALUE})")
  Path scenarios = Path.of("scenarios");

  @Override
  public Integer call() {
    long runId;
    try {
      runId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("RUN_OR_ENSEMBLE", 0, "", "an id from the results store (a whole number), got '" + id + "'");
    }
    Path storeFile = store != null ? store : ResultsStore.defaultPath();
    if (!Files.isRegularFile(storeFile)) throw new InvalidInputException("--store", 0, "", "no results store at " + storeFile);
    String html = Report.html(new ResultsStore(storeFile), scenarios, runId);
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".report", ".html");
      Files.writeString(tmp, html);
      Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf("Wrote %s (%,d bytes): open it in any browser; it needs no network.%n", out, html.length());
    return 0;
  }
}
