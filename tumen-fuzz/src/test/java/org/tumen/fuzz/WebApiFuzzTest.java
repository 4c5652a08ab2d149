package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.tumen.web.WebServer;

/**
 * The dashboard's JSON API on arbitrary requests: a fuzzed path segment or body sent to every route that
 * parses user input. A user's mistake must get a 4xx JSON answer (or Jetty's own 400 for a URI it refuses
 * before routing); a 5xx, any other non-JSON answer from /api, a hang
 * over 5 s or a dead server is a finding. Accepted jobs are cancelled at once so that inputs stay cheap.
 */
class WebApiFuzzTest {
  private static WebServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static synchronized WebServer server() throws IOException {
    if (server == null) {
      Path repo = Path.of("").toAbsolutePath().getParent();
      Path store = Files.createTempDirectory("tumen-fuzz-web").resolve("store.duckdb");
      server = WebServer.start(new WebServer.Config("127.0.0.1", 0, repo.resolve("scenarios"), store, 1));
    }
    return server;
  }

  @FuzzTest
  void requests(FuzzedDataProvider data) throws Exception {
    // The only connections this target makes are its own, to the server on loopback (not an SSRF).
    BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
    int port = server().port();
    String base = "http://127.0.0.1:" + port;
    int route = data.consumeInt(0, 5);
    String segment = URLEncoder.encode(data.consumeString(40), StandardCharsets.UTF_8);
    String body = data.consumeRemainingAsString();
    HttpRequest.Builder req = switch (route) {
      case 0 -> HttpRequest.newBuilder(URI.create(base + "/api/jobs")).POST(HttpRequest.BodyPublishers.ofString(body));
      case 1 -> HttpRequest.newBuilder(URI.create(base + "/api/scenarios/korea/validate")).POST(HttpRequest.BodyPublishers.ofString(body));
      case 2 -> HttpRequest.newBuilder(URI.create(base + "/api/scenarios/" + segment + "/validate")).POST(HttpRequest.BodyPublishers.ofString(body));
      case 3 -> HttpRequest.newBuilder(URI.create(base + "/api/scenarios/" + segment)).GET();
      case 4 -> HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + segment)).GET();
      default -> HttpRequest.newBuilder(URI.create(base + "/api/results/" + segment)).GET();
    };
    HttpRequest request = req.header("Content-Type", "application/json").timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r;
    try {
      r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException stale) {
      // A pooled keep-alive connection the server had already closed (after a 4xx with Connection: close):
      // try once more on a fresh connection; a second failure is a finding.
      r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (r.statusCode() >= 500) throw new IllegalStateException("HTTP " + r.statusCode() + " for route " + route + ": " + r.body());
    String type = r.headers().firstValue("Content-Type").orElse("");
    // Jetty itself answers 400 (an HTML page, before any route runs) to URIs it refuses, e.g. an encoded
    // slash or ".." in a path segment: still a 4xx, never reaching the application.
    boolean refusedByJetty = r.statusCode() == 400 && r.body().contains("/badMessage");
    if (!type.contains("json") && !refusedByJetty) throw new IllegalStateException("not JSON (" + type + ") for route " + route + ": " + r.body());
    if (r.statusCode() == 202 && r.body().contains("\"id\"")) {
      String id = r.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
      HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + id)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
  }
}
