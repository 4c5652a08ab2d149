package org.tumen.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunRow;

/**
 * Issue 9 §4: concurrent clients on loopback for a fixed time, mixing reads, validations, small jobs, polling
 * and cancelling. Passes when no answer is a 5xx, every accepted job ends exactly once and is listed and
 * stored exactly once, and the heap after the load is close to the heap before it.
 *
 * <p>CI runs 20 clients for 15 s. The full run: {@code mvn -q -pl tumen-web -am test -Dtest=LoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtumen.load.seconds=60}; figures go to stdout and to
 * {@code tumen-web/target/load-test.txt}.
 */
class LoadTest {
  static final int CLIENTS = Integer.getInteger("tumen.load.clients", 20);
  static final int SECONDS = Integer.getInteger("tumen.load.seconds", 15);
  /** Heap growth allowed over the run (after a full GC at both ends): the job list is bounded, results are on disk. */
  static final long HEAP_SLACK_MB = 64;

  @TempDir Path tmp;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  String base;

  // What the clients saw.
  final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
  final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  final Map<Long, String> accepted = new ConcurrentHashMap<>(); // job id -> terminal status seen first ("" before)
  final Set<Long> results = ConcurrentHashMap.newKeySet(); // result ids of finished jobs

  @Test
  void twentyClientsHoldTheServerWithoutErrorsLostJobsOrGrowingMemory() throws Exception {
    Path scenarios = TestScenarios.shortKorea(tmp.resolve("scenarios"), 1991); // two years: cheap jobs
    Path storeFile = tmp.resolve("store.duckdb");
    try (WebServer server = WebServer.start(new WebServer.Config("127.0.0.1", 0, scenarios, storeFile, 1))) {
      base = "http://127.0.0.1:" + server.port();
      call("warm-up", "GET", "/api/scenarios/korea", null); // load the scenario once before measuring
      long heapBefore = heapAfterGc();

      long t0 = System.nanoTime(), deadline = t0 + TimeUnit.SECONDS.toNanos(SECONDS);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long seed = c;
        clients.add(pool.submit(() -> client(new SplittableRandom(seed), deadline)));
      }
      for (Future<?> f : clients) f.get(SECONDS + 120L, TimeUnit.SECONDS);
      pool.shutdown();
      double elapsed = (System.nanoTime() - t0) / 1e9;

      // Stop by itself: cancel what is still waiting, then every job must end.
      for (long id : accepted.keySet()) if (accepted.get(id).isEmpty()) call("drain", "DELETE", "/api/jobs/" + id, null);
      long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      for (long id : accepted.keySet()) {
        while (poll(id).isEmpty()) {
          assertThat(System.nanoTime()).as("job %d ends", id).isLessThan(drainDeadline);
          Thread.sleep(50);
        }
      }
      long heapAfter = heapAfterGc();
      JsonNode status = call("status", "GET", "/api/status", null).body;

      String report = report(elapsed, heapBefore, heapAfter, status, storeFile);
      System.out.println(report);
      Files.writeString(Path.of("target", "load-test.txt"), report);

      assertThat(problems).as("problems").isEmpty();
      assertThat(statuses.keySet()).as("HTTP statuses").allMatch(s -> s < 500);
      assertThat(accepted).as("accepted jobs").isNotEmpty();
      assertNoJobLostOrDuplicated(status, storeFile);
      assertThat(heapAfter - heapBefore).as("heap growth, MB").isLessThan(HEAP_SLACK_MB);
    }
  }

  /** One client: a random mix of what the dashboard does, until the deadline. */
  void client(SplittableRandom rnd, long deadline) {
    List<Long> mine = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      int r = rnd.nextInt(100);
      try {
        if (r < 25) {
          call("list scenarios", "GET", "/api/scenarios", null);
        } else if (r < 40) {
          call("scenario detail", "GET", "/api/scenarios/korea", null);
        } else if (r < 52) {
          boolean good = rnd.nextBoolean();
          Reply v = call("validate", "POST", "/api/scenarios/korea/validate",
              good ? "{\"overrides\":{\"hiding.enforcement\":0.5}}" : "{\"overrides\":{\"hiding.enforcement\":-1}}");
          if (v.status != (good ? 200 : 400)) problems.add("validate answered " + v.status);
        } else if (r < 62) {
          submit(rnd, mine);
        } else if (r < 83 && !mine.isEmpty()) {
          poll(mine.get(rnd.nextInt(mine.size())));
        } else if (r < 88) {
          call("list jobs", "GET", "/api/jobs", null);
        } else if (r < 89 && !mine.isEmpty()) {
          long id = mine.get(mine.size() - 1); // the latest: most often still queued or running
          Reply c = call("cancel", "DELETE", "/api/jobs/" + id, null);
          if (c.status != 200) problems.add("cancel of job " + id + " answered " + c.status);
        } else if (r < 95) {
          call("list results", "GET", "/api/results", null);
        } else if (!results.isEmpty()) {
          List<Long> ids = new ArrayList<>(results);
          Reply d = call("result detail", "GET", "/api/results/" + ids.get(rnd.nextInt(ids.size())), null);
          if (d.status != 200) problems.add("a result answered " + d.status);
        } else {
          call("status", "GET", "/api/status", null);
        }
      } catch (Exception e) {
        problems.add(e.toString());
      }
    }
  }

  void submit(SplittableRandom rnd, List<Long> mine) throws Exception {
    String body = switch (rnd.nextInt(3)) {
      case 0 -> "{\"kind\":\"run\",\"scenario\":\"korea\",\"seed\":" + rnd.nextInt(1000) + "}";
      case 1 -> "{\"kind\":\"ensemble\",\"scenario\":\"korea\",\"runs\":2,\"overrides\":{\"arrest.bribe_price_usd@2012\":12000}}";
      default -> "{\"kind\":\"compare\",\"runs\":1,\"variants\":[{\"scenario\":\"korea\"},"
          + "{\"scenario\":\"korea\",\"overrides\":{\"unhcr.access_probability\":0.8}}]}";
    };
    Reply a = call("submit", "POST", "/api/jobs", body);
    if (a.status == 202) {
      long id = a.body.get("id").asLong();
      if (accepted.putIfAbsent(id, "") != null) problems.add("job id " + id + " handed out twice");
      mine.add(id);
    } else if (a.status != 429) {
      problems.add("submit answered " + a.status + ": " + a.text);
    }
  }

  /** Polls a job; returns its terminal status, or "" while it runs. A terminal status must never change. */
  String poll(long id) throws Exception {
    Reply p = call("poll job", "GET", "/api/jobs/" + id, null);
    if (p.status != 200) {
      problems.add("job " + id + " answered " + p.status);
      return "?";
    }
    String st = p.body.get("status").asText();
    boolean terminal = !st.equals("queued") && !st.equals("running");
    String seen = accepted.get(id);
    if (!seen.isEmpty() && !seen.equals(st)) problems.add("job " + id + " was " + seen + ", then " + st);
    if (terminal && seen.isEmpty()) accepted.replace(id, "", st);
    if (st.equals("done")) results.add(p.body.get("resultId").asLong());
    return terminal ? st : "";
  }

  void assertNoJobLostOrDuplicated(JsonNode status, Path storeFile) throws Exception {
    assertThat(status.get("jobs").get("submitted").asLong()).as("jobs the server accepted").isEqualTo(accepted.size());
    JsonNode list = call("list jobs", "GET", "/api/jobs", null).body;
    List<Long> listed = new ArrayList<>();
    Set<Long> results = new HashSet<>();
    for (JsonNode j : list) {
      listed.add(j.get("id").asLong());
      assertThat(j.get("status").asText()).isEqualTo(accepted.get(j.get("id").asLong()));
      if (j.get("status").asText().equals("done")) {
        assertThat(results.add(j.get("resultId").asLong())).as("result id given once").isTrue();
      }
    }
    assertThat(listed).as("each job listed once").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted.keySet());
    assertThat(accepted.values()).as("no job failed").doesNotContain("failed");
    List<Long> stored = new ResultsStore(storeFile).list().stream().map(RunRow::id).toList();
    assertThat(stored).as("stored results: one per finished job").containsExactlyInAnyOrderElementsOf(results);
  }

  record Reply(int status, JsonNode body, String text) {}

  Reply call(String kind, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    long t = System.nanoTime();
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    latencies.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - t);
    statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
    if (r.statusCode() >= 500) problems.add(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    JsonNode node = r.body().isEmpty() ? null : json.readTree(r.body());
    return new Reply(r.statusCode(), node, r.body());
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  String report(double elapsed, long heapBefore, long heapAfter, JsonNode status, Path storeFile) throws Exception {
    StringBuilder s = new StringBuilder();
    long requests = statuses.values().stream().mapToLong(AtomicInteger::get).sum();
    s.append(String.format(Locale.ROOT, "Load test: %d clients for %.1f s on 127.0.0.1, %d requests (%.0f/s)%n",
        CLIENTS, elapsed, requests, requests / elapsed));
    s.append("HTTP statuses: ").append(new TreeMap<>(statuses)).append('\n');
    Map<String, Long> ends = new TreeMap<>();
    accepted.values().forEach(v -> ends.merge(v, 1L, Long::sum));
    s.append(String.format(Locale.ROOT, "Jobs: %d accepted, ended %s; server's count %s; %d results stored (%.1f MB store)%n",
        accepted.size(), ends, status.get("jobs"), new ResultsStore(storeFile).list().size(),
        Files.exists(storeFile) ? Files.size(storeFile) / 1e6 : 0));
    s.append(String.format(Locale.ROOT, "Heap after full GC: %d MB before, %d MB after (max %s MB)%n", heapBefore, heapAfter,
        status.get("heapMaxMb")));
    s.append(String.format(Locale.ROOT, "%-16s %7s %8s %8s %8s %8s%n", "latency (ms)", "n", "p50", "p95", "p99", "max"));
    List<Long> all = new ArrayList<>();
    for (var e : new TreeMap<>(latencies).entrySet()) {
      List<Long> l = new ArrayList<>(e.getValue());
      all.addAll(l);
      s.append(line(e.getKey(), l));
    }
    s.append(line("all", all));
    return s.toString();
  }

  static String line(String name, List<Long> nanos) {
    Collections.sort(nanos);
    return String.format(Locale.ROOT, "%-16s %7d %8.1f %8.1f %8.1f %8.1f%n", name, nanos.size(), pct(nanos, 50), pct(nanos, 95),
        pct(nanos, 99), nanos.get(nanos.size() - 1) / 1e6);
  }

  static double pct(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1)) / 1e6;
  }
}
