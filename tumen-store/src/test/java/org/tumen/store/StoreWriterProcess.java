package org.tumen.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Clock;

/**
 * A separate process that uses the store, as the CLI and the web server do: {@code write STORE N TAG} records
 * N ensembles of 20 runs; {@code hold STORE MILLIS} keeps the file open for writing that long.
 */
public final class StoreWriterProcess {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "write" -> {
        ResultsStore store = new ResultsStore(file, Duration.ofSeconds(60), Clock.systemUTC());
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
          store.recordBatch(Fixtures.ensemble(args[3]), Fixtures.batch(20, args[3], 1000L * i));
        }
      }
      case "hold" -> {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
          c.createStatement().execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
          System.out.println("holding");
          System.out.flush();
          Thread.sleep(Long.parseLong(args[2]));
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
