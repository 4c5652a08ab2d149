package org.tumen.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunRow;

/**
 * Issue 9 §3: the command line (a separate JVM) and the server record into one results store at the same
 * time; afterwards the store opens, holds every result each of them reported exactly once, and each batch
 * is whole (all its members, each with all its yearly rows).
 */
class SharedStoreTest {
  @TempDir Path tmp;

  @Test
  void theCommandLineAndTheServerWriteOneStoreAtOnceAndNothingIsLostOrTorn() throws Exception {
    Path scenarios = TestScenarios.shortKorea(tmp.resolve("scenarios"), 1991);
    Path storeFile = tmp.resolve("shared.duckdb");
    Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), CliStoreWriter.class.getName(), storeFile.toString(),
        scenarios.resolve("korea").toString(), "6").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<List<Long>> cliIds = CompletableFuture.supplyAsync(() -> {
      List<Long> ids = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream()))) {
        for (String line; (line = out.readLine()) != null; ) ids.add(Long.parseLong(line.strip()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return ids;
    });

    Set<Long> serverIds = new HashSet<>();
    try (WebServer server = WebServer.start(new WebServer.Config("127.0.0.1", 0, scenarios, storeFile, 1))) {
      // Jobs one after another while the command line writes, and reads in between.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      int i = 0;
      while ((cli.isAlive() || i < 4) && System.nanoTime() < deadline) {
        String body = i % 2 == 0 ? "{\"kind\":\"ensemble\",\"scenario\":\"korea\",\"runs\":3,\"seed\":" + i + "}"
            : "{\"kind\":\"run\",\"scenario\":\"korea\",\"seed\":" + i + "}";
        HardeningTest.Answer a = HardeningTest.postJson(server, "/api/jobs", body);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        long job = a.json().get("id").asLong();
        while (HardeningTest.get(server, "/api/jobs/" + job).json().get("status").asText().matches("queued|running")) {
          assertThat(HardeningTest.get(server, "/api/results").status()).isEqualTo(200);
          Thread.sleep(50);
        }
        JsonNode j = HardeningTest.get(server, "/api/jobs/" + job).json();
        assertThat(j.get("status").asText()).as(j.toString()).isEqualTo("done");
        assertThat(serverIds.add(j.get("resultId").asLong())).isTrue();
        i++;
      }
    }
    assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).isZero();
    List<Long> fromCli = cliIds.get(10, TimeUnit.SECONDS);
    assertThat(fromCli).hasSize(12);
    System.out.printf("Shared store: %d results from the command line process, %d from the server%n", fromCli.size(), serverIds.size());

    Set<Long> all = new HashSet<>(fromCli);
    all.addAll(serverIds);
    assertThat(all).as("ids unique across writers").hasSize(fromCli.size() + serverIds.size());
    List<RunRow> stored = new ResultsStore(storeFile).list();
    assertThat(stored).extracting(RunRow::id).containsExactlyInAnyOrderElementsOf(all);
    assertWhole(storeFile);
  }

  /** Every batch has its members, every run the same number of yearly rows as its siblings, nothing dangling. */
  static void assertWhole(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("""
          SELECT b.id, b.members, (SELECT count(*) FROM runs m WHERE m.parent_id = b.id) AS found,
                 (SELECT count(*) FROM bands WHERE batch_id = b.id) AS bands
          FROM runs b WHERE b.parent_id IS NULL AND b.kind <> 'run'""")) {
        int batches = 0;
        while (rs.next()) {
          batches++;
          assertThat(rs.getInt("found")).as("members of %d", rs.getLong("id")).isEqualTo(rs.getInt("members")).isEqualTo(3);
          assertThat(rs.getInt("bands")).as("bands of %d", rs.getLong("id")).isPositive();
        }
        assertThat(batches).isGreaterThanOrEqualTo(8);
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT count(*) FILTER (WHERE n = 0) AS empty FROM (
            SELECT r.id, count(y.run_id) AS n FROM runs r LEFT JOIN yearly y ON y.run_id = r.id
            WHERE r.kind = 'run' GROUP BY r.id)""")) {
        rs.next();
        assertThat(rs.getInt("empty")).as("runs without yearly rows").isZero();
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT (SELECT count(*) FROM yearly WHERE run_id NOT IN (SELECT id FROM runs))
               + (SELECT count(*) FROM parameters WHERE run_id NOT IN (SELECT id FROM runs))
               + (SELECT count(*) FROM bands WHERE batch_id NOT IN (SELECT id FROM runs)) AS dangling,
                 (SELECT count(*) - count(DISTINCT id) FROM runs) AS duplicates""")) {
        rs.next();
        assertThat(rs.getInt("dangling")).isZero();
        assertThat(rs.getInt("duplicates")).isZero();
      }
    }
  }
}
