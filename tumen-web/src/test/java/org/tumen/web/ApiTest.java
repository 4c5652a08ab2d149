package org.tumen.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over HTTP: good requests work, bad ones get a 4xx JSON answer and the server stays up. */
class ApiTest {
  @TempDir static Path tmp;
  static WebServer server;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    Path scenarios = TestScenarios.shortKorea(tmp.resolve("scenarios"), 1999);
    TestScenarios.unhcrFrom(scenarios, "1995-01-01");
    server = WebServer.start(new WebServer.Config("127.0.0.1", 0, scenarios, tmp.resolve("store.duckdb"), 2));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int status, JsonNode body, String text) {}

  static Answer call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = null;
    try {
      node = json.readTree(r.body());
    } catch (Exception ignored) {
      // HTML
    }
    return new Answer(r.statusCode(), node, r.body());
  }

  static JsonNode waitForJob(long id) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonNode j = call("GET", "/api/jobs/" + id, null).body();
      String s = j.get("status").asText();
      if (!s.equals("running") && !s.equals("queued")) return j;
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  @Test
  void listsAndDescribesScenarios() throws Exception {
    Answer list = call("GET", "/api/scenarios", null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().get(0).get("name").asText()).isEqualTo("korea");
    Answer detail = call("GET", "/api/scenarios/korea", null);
    assertThat(detail.body().get("levers").size()).isGreaterThan(50);
    assertThat(detail.body().get("timeline").size()).isGreaterThan(10);
    assertThat(detail.body().get("map").get("places").size()).isEqualTo(29);
    assertThat(detail.body().get("map").get("routes").size()).isEqualTo(41);
  }

  @Test
  void badRequestsGetClearJsonErrors() throws Exception {
    assertThat(call("GET", "/api/scenarios/nope", null).status()).isEqualTo(404);
    Answer traversal = call("GET", "/api/scenarios/..%2F..%2Fetc", null);
    assertThat(traversal.status()).isBetween(400, 404);
    Answer badLever = call("POST", "/api/scenarios/korea/validate", "{\"overrides\":{\"hiding.enforcment\":2}}");
    assertThat(badLever.status()).isEqualTo(400);
    assertThat(badLever.body().get("problems").get(0).get("message").asText()).contains("did you mean 'hiding.enforcement'");
    Answer badValue = call("POST", "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"korea\",\"overrides\":{\"arrest.bribe_acceptance\":3}}");
    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.body().get("error").asText()).contains("between 0 and 1");
    Answer huge = call("POST", "/api/jobs", "{\"kind\":\"ensemble\",\"scenario\":\"korea\",\"runs\":100000}");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.body().get("error").asText()).contains("between 1 and 50");
    Answer notJson = call("POST", "/api/jobs", "{kind: run");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.text()).doesNotContain("at org.");
    Answer unknownField = call("POST", "/api/jobs", "{\"kind\":\"run\",\"scenarios\":\"korea\"}");
    assertThat(unknownField.status()).isEqualTo(400);
    Answer big = call("POST", "/api/jobs", "{\"note\":\"" + "x".repeat(200_000) + "\"}");
    assertThat(big.status()).isEqualTo(413);
    assertThat(call("GET", "/api/jobs/12345", null).status()).isEqualTo(404);
    assertThat(call("GET", "/api/results/abc", null).status()).isEqualTo(400);
    assertThat(call("GET", "/api/results/999999", null).status()).isEqualTo(404);
    assertThat(call("GET", "/api/nothing", null).status()).isEqualTo(404);
    Answer outside = call("GET", "/../pom.xml", null);
    assertThat(outside.status()).isBetween(400, 404);
    assertThat(outside.text()).doesNotContain("<project");
    // Still up.
    assertThat(call("GET", "/api/scenarios", null).status()).isEqualTo(200);
  }

  @Test
  void runsAJobAndServesItsResultAndReport() throws Exception {
    Answer submitted = call("POST", "/api/jobs",
        "{\"kind\":\"run\",\"scenario\":\"korea\",\"overrides\":{\"hiding.enforcement\":0.5},\"seed\":7}");
    assertThat(submitted.status()).isEqualTo(202);
    JsonNode job = waitForJob(submitted.body().get("id").asLong());
    assertThat(job.get("status").asText()).isEqualTo("done");
    long id = job.get("resultId").asLong();
    JsonNode r = call("GET", "/api/results/" + id, null).body();
    assertThat(r.get("firstYear").asInt()).isEqualTo(1990);
    assertThat(r.get("lastYear").asInt()).isEqualTo(1999);
    JsonNode v = r.get("variants").get(0);
    assertThat(v.get("overrides").get("hiding.enforcement").asDouble()).isEqualTo(0.5);
    assertThat(v.get("series").has("arrived_south_korea")).isTrue();
    assertThat(v.get("series").fieldNames()).toIterable().anyMatch(n -> n.startsWith("route:"));
    assertThat(v.get("series").fieldNames()).toIterable().anyMatch(n -> n.startsWith("path:crossed>"));
    assertThat(r.get("observed").get("arrivals").size()).isGreaterThan(5);
    assertOutcomeDiagramBalances(v.get("series"));
    Answer report = call("GET", "/api/results/" + id + "/report.html", null);
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.text()).startsWith("<!doctype html>").contains("const RESULT = {").doesNotContain("<script src=");
    Answer list = call("GET", "/api/results", null);
    assertThat(list.body().get(0).get("id").asLong()).isEqualTo(id);
  }

  /** Every node between "crossed" and the outcomes has as many people going in as coming out. */
  static void assertOutcomeDiagramBalances(JsonNode series) {
    java.util.Map<String, Double> in = new java.util.HashMap<>(), out = new java.util.HashMap<>();
    series.fieldNames().forEachRemaining(name -> {
      if (!name.startsWith("path:")) return;
      String[] st = name.substring(5).split(">");
      double total = 0;
      for (JsonNode x : series.get(name).get("mean")) total += x.asDouble();
      out.merge(st[0], total, Double::sum);
      in.merge(st[1], total, Double::sum);
    });
    assertThat(out.get("crossed")).isGreaterThan(1000);
    for (String node : out.keySet()) {
      if (!node.equals("crossed")) assertThat(out.get(node)).as(node).isCloseTo(in.get(node), org.assertj.core.data.Offset.offset(0.5));
    }
  }

  @Test
  void aDatedLeverDoesWhatTheShippedVariantsTimelineRowDoes() throws Exception {
    // The dashboard's preset "UNHCR reviews claims from ..." against scenarios/korea-unhcr (here from 1995).
    JsonNode lever = result(run("{\"kind\":\"run\",\"scenario\":\"korea\",\"seed\":3,"
        + "\"dated\":[{\"parameter\":\"unhcr.access_probability\",\"from\":\"1995\",\"value\":0.8}]}"));
    JsonNode variant = result(run("{\"kind\":\"run\",\"scenario\":\"korea-unhcr\",\"seed\":3}"));
    JsonNode plain = result(run("{\"kind\":\"run\",\"scenario\":\"korea\",\"seed\":3}"));
    JsonNode a = lever.get("variants").get(0), b = variant.get("variants").get(0);
    assertThat(a.get("dated").get(0).get("from").asText()).isEqualTo("1995");
    assertThat(a.get("series")).isEqualTo(b.get("series"));
    assertThat(a.get("series").get("unhcr_resettled")).isNotEqualTo(plain.get("variants").get(0).get("series").get("unhcr_resettled"));

    Answer bad = call("POST", "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"korea\",\"dated\":["
        + "{\"parameter\":\"unhcr.acces_probability\",\"from\":\"1995\",\"value\":0.8},"
        + "{\"parameter\":\"unhcr.access_probability\",\"from\":\"2040\",\"value\":0.8},"
        + "{\"parameter\":\"unhcr.access_probability\",\"from\":\"soon\",\"value\":0.8},"
        + "{\"parameter\":\"unhcr.access_probability\",\"from\":\"1995\",\"value\":3}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("problems")).extracting(p -> p.get("message").asText()).satisfiesExactly(
        m -> assertThat(m).contains("did you mean 'unhcr.access_probability'"),
        m -> assertThat(m).contains("outside the run"),
        m -> assertThat(m).contains("must be a year (2026) or a date"),
        m -> assertThat(m).contains("between 0 and 1"));
  }

  static long run(String request) throws Exception {
    Answer submitted = call("POST", "/api/jobs", request);
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    JsonNode job = waitForJob(submitted.body().get("id").asLong());
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
    return job.get("resultId").asLong();
  }

  static JsonNode result(long id) throws Exception {
    return call("GET", "/api/results/" + id, null).body();
  }

  @Test
  void cancelsARunningEnsemble() throws Exception {
    Answer submitted = call("POST", "/api/jobs", "{\"kind\":\"ensemble\",\"scenario\":\"korea\",\"runs\":20}");
    long jobId = submitted.body().get("id").asLong();
    Thread.sleep(300);
    Answer cancelled = call("DELETE", "/api/jobs/" + jobId, null);
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(waitForJob(jobId).get("status").asText()).isEqualTo("cancelled");
  }
}
