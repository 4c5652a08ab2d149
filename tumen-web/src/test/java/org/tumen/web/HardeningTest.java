package org.tumen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 §4: the server binds this machine only unless given a token, checks the token on every request,
 * bounds bodies, the queue and each job, and never lets a name or a path reach outside its folders. Requests
 * go over raw sockets so that nothing (no client library) normalizes the paths or headers we send.
 */
class HardeningTest {
  @TempDir static Path tmp;
  static Path scenarios;
  static final ObjectMapper json = new ObjectMapper();
  static final List<WebServer> servers = new ArrayList<>();

  @BeforeAll
  static void scenarios() {
    scenarios = TestScenarios.shortKorea(tmp.resolve("scenarios"), 1999);
  }

  @AfterAll
  static void stop() {
    servers.forEach(WebServer::close);
  }

  static WebServer start(String host, String token, long maxAgents, int maxWaiting) {
    WebServer s = WebServer.start(new WebServer.Config(host, 0, scenarios, tmp.resolve("store-" + servers.size() + ".duckdb"),
        2, token, maxAgents, maxWaiting));
    servers.add(s);
    return s;
  }

  record Answer(int status, String head, String body) {
    JsonNode json() throws IOException {
      return HardeningTest.json.readTree(body);
    }

    String error() throws IOException {
      return json().get("error").asText();
    }
  }

  /** One HTTP/1.1 exchange, byte for byte as written: {@code headers} are extra lines ("Name: value"). */
  static Answer raw(String host, int port, String method, String path, String body, String... headers) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 5000);
      s.setSoTimeout(30_000);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      boolean hostGiven = false;
      for (String h : headers) {
        req.append(h).append("\r\n");
        hostGiven |= h.regionMatches(true, 0, "Host:", 0, 5);
      }
      if (!hostGiven) req.append("Host: ").append(host).append(':').append(port).append("\r\n");
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) req.append("Content-Length: ").append(b.length).append("\r\n");
      req.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.write(b);
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int split = all.indexOf("\r\n\r\n");
      String head = all.substring(0, split);
      return new Answer(Integer.parseInt(head.split(" ")[1]), head, all.substring(split + 4));
    }
  }

  static Answer get(WebServer s, String path, String... headers) throws IOException {
    return raw("127.0.0.1", s.port(), "GET", path, null, headers);
  }

  static Answer postJson(WebServer s, String path, String body) throws IOException {
    return raw("127.0.0.1", s.port(), "POST", path, body, "Content-Type: application/json");
  }

  @Test
  void bindsOnlyTheAddressItIsGivenAndNeedsNoTokenOn127001() throws Exception {
    WebServer s = start("127.0.0.1", null, 0, 8);
    assertThat(s.token()).isNull();
    assertThat(get(s, "/api/scenarios").status()).isEqualTo(200);
    // 127.0.0.2 is this machine too, but the server did not bind it: nothing listens there.
    assertThatThrownBy(() -> raw("127.0.0.2", s.port(), "GET", "/api/scenarios", null)).isInstanceOf(ConnectException.class);
    // A web page that re-points its own host name at 127.0.0.1 (DNS rebinding) is refused.
    Answer rebound = get(s, "/api/scenarios", "Host: evil.example:" + s.port());
    assertThat(rebound.status()).isEqualTo(403);
    assertThat(rebound.error()).contains("localhost or 127.0.0.1");
    assertThat(get(s, "/api/scenarios", "Host: localhost:" + s.port()).status()).isEqualTo(200);
  }

  @Test
  void anotherAddressNeedsTheTokenOnEveryRequest() throws Exception {
    WebServer s = start("127.0.0.2", null, 0, 8); // loopback, but not 127.0.0.1: treated as a shared address
    String token = s.token();
    assertThat(token).hasSize(32);
    String host = "127.0.0.2";
    int port = s.port();
    for (String path : List.of("/api/scenarios", "/api/jobs", "/", "/index.html", "/api/nothing")) {
      Answer a = raw(host, port, "GET", path, null);
      assertThat(a.status()).as(path).isEqualTo(401);
      assertThat(a.error()).contains("needs its access token").contains("?token=");
      assertThat(a.head()).contains("WWW-Authenticate: Bearer");
    }
    Answer wrong = raw(host, port, "GET", "/api/scenarios", null, "Authorization: Bearer " + "0".repeat(32));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.error()).contains("wrong access token");
    assertThat(raw(host, port, "POST", "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"korea\"}",
        "Content-Type: application/json").status()).isEqualTo(401);

    // A program sends the header.
    assertThat(raw(host, port, "GET", "/api/scenarios", null, "Authorization: Bearer " + token).status()).isEqualTo(200);
    // A browser user opens the printed link: the token moves into a cookie and out of the address bar.
    Answer link = raw(host, port, "GET", "/?token=" + token, null);
    assertThat(link.status()).isEqualTo(303);
    assertThat(link.head()).containsIgnoringCase("Location: /").containsIgnoringCase("Set-Cookie: tumen_token=" + token)
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    Answer page = raw(host, port, "GET", "/", null, "Cookie: tumen_token=" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<html");
    assertThat(raw(host, port, "GET", "/api/scenarios", null, "Cookie: tumen_token=" + token).status()).isEqualTo(200);
    assertThat(raw(host, port, "GET", "/api/scenarios", null, "Cookie: tumen_token=nope").status()).isEqualTo(401);
  }

  @Test
  void aGivenTokenIsNeededEvenOn127001() throws Exception {
    WebServer s = start("127.0.0.1", "my-lab-token", 0, 8);
    assertThat(get(s, "/api/scenarios").status()).isEqualTo(401);
    assertThat(get(s, "/api/scenarios", "Authorization: Bearer my-lab-token").status()).isEqualTo(200);
    assertThat(get(s, "/api/scenarios", "Authorization: bearer my-lab-token").status()).isEqualTo(200);
  }

  @Test
  void postsMustSayTheySendJson() throws Exception {
    WebServer s = start("127.0.0.1", null, 0, 8);
    // A cross-site form can send text/plain without asking the server first; it must not start a job.
    Answer form = raw("127.0.0.1", s.port(), "POST", "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"korea\"}",
        "Content-Type: text/plain");
    assertThat(form.status()).isEqualTo(415);
    assertThat(raw("127.0.0.1", s.port(), "POST", "/api/jobs", "{}").status()).isEqualTo(415);
    assertThat(get(s, "/api/jobs").json().size()).isZero();
    Answer big = postJson(s, "/api/scenarios/korea/validate", "{\"overrides\":{\"x\":" + "1".repeat(100_000) + "}}");
    assertThat(big.status()).isEqualTo(413);
  }

  @Test
  void scenarioNamesCannotLeaveTheScenariosFolder() throws Exception {
    WebServer s = start("127.0.0.1", null, 0, 8);
    for (String name : List.of("..", "%2e%2e", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fpom.xml",
        "%2Fetc%2Fpasswd", "korea%2F..%2Fkorea", "..%5C..%5Cwindows", "%252e%252e", "korea%00", "~root")) {
      for (String path : List.of("/api/scenarios/" + name, "/api/scenarios/" + name + "/validate")) {
        Answer a = path.endsWith("validate") ? postJson(s, path, "{\"overrides\":{}}") : get(s, path);
        assertThat(a.status()).as(path).isBetween(400, 404);
        assertThat(a.body()).as(path).doesNotContain("root:").doesNotContain("<project").doesNotContain("\tat ");
      }
    }
    for (String name : List.of("../korea", "..", "/etc/passwd", "korea/../korea", "./korea", "C:\\\\x", "korea\\u0000")) {
      Answer run = postJson(s, "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"" + name + "\"}");
      assertThat(run.status()).as(name).isEqualTo(404);
      assertThat(run.error()).contains("no scenario");
      Answer cmp = postJson(s, "/api/jobs", "{\"kind\":\"compare\",\"runs\":1,\"variants\":[{\"scenario\":\"korea\"},"
          + "{\"scenario\":\"" + name + "\"}]}");
      assertThat(cmp.status()).as(name).isEqualTo(404);
    }
    assertThat(get(s, "/api/jobs").json().size()).isZero();
  }

  @Test
  void staticFilesComeOnlyFromTheBundle() throws Exception {
    WebServer s = start("127.0.0.1", null, 0, 8);
    assertThat(get(s, "/").status()).isEqualTo(200);
    assertThat(get(s, "/app.js").status()).isEqualTo(200);
    // The bundle sits at org/tumen/web/static on the class path, beside the server's classes and the jar's
    // other resources: none of them may be reached, nor any file on disk.
    for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/pom.xml", "/static/../WebServer.class",
        "/../WebServer.class", "/%2e%2e/WebServer.class", "/..%2fWebServer.class", "/%2e%2e%2fWebServer.class",
        "/.%2e/WebServer.class", "/..;/WebServer.class", "/..%5cWebServer.class", "/%252e%252e/WebServer.class",
        "/webjars/../../org/tumen/web/WebServer.class", "/webjars/..%2f..%2forg/tumen/web/WebServer.class",
        "/org/tumen/web/WebServer.class", "/org/tumen/web/static/index.html", "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/file:/etc/passwd", "//etc/passwd", "/geo/../../WebServer.class",
        "/META-INF/MANIFEST.MF", "/../META-INF/MANIFEST.MF", "/simplelogger.properties")) {
      Answer a = get(s, path);
      assertThat(a.status()).as(path).isBetween(400, 404);
      assertThat(a.body()).as(path).doesNotContain("\u00ca\u00fe\u00ba\u00be").doesNotContain("root:").doesNotContain("<project")
          .doesNotContain("Manifest-Version").doesNotContain("\tat ");
    }
  }

  @Test
  void theQueueIsBoundedAndAnswers429WhenFull() throws Exception {
    WebServer s = start("127.0.0.1", null, 0, 2);
    String big = "{\"kind\":\"ensemble\",\"scenario\":\"korea\",\"runs\":50}";
    long first = postJson(s, "/api/jobs", big).json().get("id").asLong();
    long second = postJson(s, "/api/jobs", big).json().get("id").asLong();
    Answer full = postJson(s, "/api/jobs", big);
    assertThat(full.status()).isEqualTo(429);
    assertThat(full.error()).contains("2 jobs queued or running");
    assertThat(full.json().get("status").asInt()).isEqualTo(429);
    assertThat(raw("127.0.0.1", s.port(), "DELETE", "/api/jobs/" + second, null).status()).isEqualTo(200);
    assertThat(raw("127.0.0.1", s.port(), "DELETE", "/api/jobs/" + first, null).status()).isEqualTo(200);
    assertThat(waitFor(s, first)).isEqualTo("cancelled");
    assertThat(waitFor(s, second)).isEqualTo("cancelled");
    // Room again.
    long third = postJson(s, "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"korea\"}").json().get("id").asLong();
    raw("127.0.0.1", s.port(), "DELETE", "/api/jobs/" + third, null);
    assertThat(waitFor(s, third)).isIn("cancelled", "done");
  }

  @Test
  void aRunThatMakesTooManyAgentsIsStoppedWithAClearMessage() throws Exception {
    WebServer s = start("127.0.0.1", null, 2_000, 8);
    long id = postJson(s, "/api/jobs", "{\"kind\":\"run\",\"scenario\":\"korea\"}").json().get("id").asLong();
    assertThat(waitFor(s, id)).isEqualTo("failed");
    assertThat(get(s, "/api/jobs/" + id).json().get("error").asText()).contains("more than 2,000 people").contains("limit");
    // An ensemble shares the budget between the runs that run at once (2 threads).
    long ens = postJson(s, "/api/jobs", "{\"kind\":\"ensemble\",\"scenario\":\"korea\",\"runs\":4}").json().get("id").asLong();
    assertThat(waitFor(s, ens)).isEqualTo("failed");
    assertThat(get(s, "/api/jobs/" + ens).json().get("error").asText()).contains("more than 1,000 people");
    assertThat(get(s, "/api/results").json().size()).isZero(); // nothing recorded
  }

  static String waitFor(WebServer s, long id) throws Exception {
    for (int i = 0; i < 600; i++) {
      String st = get(s, "/api/jobs/" + id).json().get("status").asText();
      if (!st.equals("queued") && !st.equals("running")) return st;
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish");
  }
}
