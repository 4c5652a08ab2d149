package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tumen.scenario.InvalidInputException;
import org.tumen.store.ResultsStore;
import org.tumen.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the dashboard and the JSON API (docs/WEB.md) until interrupted.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
  int port = 8080;

  @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE}, this machine only; any other "
      + "address needs an access token)")
  String host = "127.0.0.1";

  @Option(names = "--token", description = "access token every request must carry (default: none on 127.0.0.1, "
      + "a random one, printed, on any other address)")
  String token;

  @Option(names = "--max-agents", description = "individual agents a job's simultaneous runs may hold (default: as "
      + "many as the heap allows, about 600 bytes each)")
  long maxAgents;

  @Option(names = "--scenarios", description = "folder of scenario folders (default: ${DEFAULT-VALUE})")
  Path scenarios = Path.of("scenarios");

  @Option(names = "--store", description = "results store (default: $TUMEN_STORE or tumen-runs.duckdb)")
  Path store;

  @Option(names = "--threads", description = "threads a job's simulations share (default: ${DEFAULT-VALUE})")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) throw new InvalidInputException("--port", 0, "", "must be between 0 and 65535");
    if (threads < 1) throw new InvalidInputException("--threads", 0, "", "must be at least 1");
    if (!java.nio.file.Files.isDirectory(scenarios)) {
      throw new InvalidInputException("--scenarios", 0, "", "no folder " + scenarios.toAbsolutePath());
    }
    if (token != null && token.strip().length() < 8) throw new InvalidInputException("--token", 0, "", "must have at least 8 characters");
    if (maxAgents < 0) throw new InvalidInputException("--max-agents", 0, "", "must be at least 0");
    try {
      java.net.InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new InvalidInputException("--host", 0, "", "cannot resolve '" + host + "'");
    }
    Path storeFile = store != null ? store : ResultsStore.defaultPath();
    WebServer server = WebServer.start(new WebServer.Config(host, port, scenarios, storeFile, threads,
        token == null ? null : token.strip(), maxAgents, WebServer.DEFAULT_MAX_WAITING_JOBS));
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/";
    System.out.printf("Tumen dashboard on %s (scenarios in %s, results in %s). Ctrl-C stops it.%n",
        server.token() == null ? url : url + "?token=" + server.token(), scenarios.toAbsolutePath(), storeFile.toAbsolutePath());
    if (server.token() != null) {
      System.out.println("Every request needs the token: open the address above once in a browser (it keeps the token in "
          + "a cookie), or send the header 'Authorization: Bearer " + server.token() + "'.");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }
}
