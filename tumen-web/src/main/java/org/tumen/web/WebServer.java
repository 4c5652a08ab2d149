package org.tumen.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunRow;
import org.tumen.store.StoreBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tumen serve}: the dashboard (static files bundled in this jar, ECharts from its WebJar) and the
 * JSON API under {@code /api}. Every answer to a bad request is a 4xx JSON body ({@link ApiException.Body});
 * a bug answers 500 with a short message and is logged, and the server stays up.
 */
public final class WebServer implements AutoCloseable {
  /** Requests larger than this are refused (413): a job request is a few kilobytes. */
  static final long MAX_BODY_BYTES = 64 * 1024;
  static final String STATIC = "/org/tumen/web/static";
  /** Jobs queued or running before new ones are refused with 429. */
  public static final int DEFAULT_MAX_WAITING_JOBS = Jobs.MAX_QUEUED;
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /**
   * How to serve. {@code threads}: threads the simulations of a job share; {@code token}: the access token
   * (null: none on loopback, a generated one on any other address); {@code maxAgents}: individual agents a
   * job's simultaneous runs may hold (0: as many as the heap allows, about 600 bytes each).
   */
  public record Config(String host, int port, Path scenarios, Path store, int threads, String token, long maxAgents,
      int maxWaitingJobs) {
    public Config(String host, int port, Path scenarios, Path store, int threads) {
      this(host, port, scenarios, store, threads, null, 0, DEFAULT_MAX_WAITING_JOBS);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final Scenarios catalog;
  private final ResultsStore store;
  private final Jobs jobs;
  private final Access access;
  private final Javalin app;

  private WebServer(Config c) {
    access = Access.forHost(c.host(), c.token());
    catalog = new Scenarios(c.scenarios());
    store = new ResultsStore(c.store());
    jobs = new Jobs(catalog, store, c.threads(), new Jobs.Limits(c.maxWaitingJobs(), c.maxAgents()));
    app = Javalin.create(config -> {
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(JSON, false));
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = STATIC;
        sf.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      routes(config.routes);
    });
  }

  /** Starts serving; {@code port} 0 picks a free port (tests). */
  public static WebServer start(Config c) {
    WebServer s = new WebServer(c);
    s.app.start(c.host(), c.port());
    return s;
  }

  public int port() {
    return app.port();
  }

  /** The token every request must carry, or null when none is needed (loopback without --token). */
  public String token() {
    return access.token();
  }

  @Override
  public void close() {
    jobs.close();
    app.stop();
  }

  private void routes(io.javalin.config.RoutesConfig r) {
    r.before(access::check); // every path, static files too
    r.before(WebServer::jsonBodiesOnly);
    r.get("/api/status", this::status);
    r.get("/api/scenarios", this::listScenarios);
    r.get("/api/scenarios/{name}", ctx -> ctx.json(ScenarioView.of(ctx.pathParam("name"), catalog.get(ctx.pathParam("name")))));
    r.post("/api/scenarios/{name}/validate", this::validate);
    r.post("/api/jobs", this::submit);
    r.get("/api/jobs", ctx -> ctx.json(jobs.list()));
    r.get("/api/jobs/{id}", ctx -> ctx.json(jobs.get(id(ctx))));
    r.delete("/api/jobs/{id}", ctx -> ctx.json(jobs.cancel(id(ctx))));
    r.get("/api/results", this::listResults);
    r.get("/api/results/{id}", ctx -> ctx.json(result(id(ctx))));
    r.get("/api/results/{id}/report.html", this::report);

    r.exception(ApiException.class, (e, ctx) -> answer(ctx, e));
    r.exception(InvalidInputException.class, (e, ctx) -> answer(ctx, ApiException.of(e)));
    r.exception(JsonProcessingException.class, (e, ctx) ->
        answer(ctx, ApiException.badRequest("the request body is not the JSON expected: " + e.getOriginalMessage())));
    r.exception(StoreBusyException.class, (e, ctx) -> answer(ctx, new ApiException(503, e.getMessage())));
    r.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, new ApiException(e.getStatus(), e.getMessage())));
    r.exception(Exception.class, (e, ctx) -> {
      LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
      answer(ctx, new ApiException(500, "internal error (a bug; the server log has the details): " + e.getClass().getSimpleName()));
    });
    r.error(404, ctx -> {
      if (ctx.path().startsWith("/api/") && ctx.result() == null) {
        answer(ctx, ApiException.notFound("no such API path: " + ctx.method() + " " + ctx.path()));
      }
    });
  }

  /**
   * A POST must say it sends JSON. Browsers send other types across sites without asking first, so this
   * also keeps other web pages from starting jobs here (CSRF).
   */
  private static void jsonBodiesOnly(Context ctx) {
    if (!ctx.method().name().equals("POST")) return;
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "send the request body as JSON, with the header 'Content-Type: application/json'");
    }
  }

  /** What a monitor (or the load test) needs: jobs by status and the heap. */
  private void status(Context ctx) {
    Runtime rt = Runtime.getRuntime();
    long mb = 1024 * 1024;
    ctx.json(Map.of("version", org.tumen.Tumen.VERSION, "jobs", jobs.counts(),
        "heapUsedMb", (rt.totalMemory() - rt.freeMemory()) / mb, "heapMaxMb", rt.maxMemory() / mb));
  }

  private static void answer(Context ctx, ApiException e) {
    ctx.status(e.status).json(e.body());
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("an id is a whole number, got '" + ctx.pathParam("id") + "'");
    }
  }

  private static <T> T body(Context ctx, Class<T> type) throws JsonProcessingException {
    String text = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
    if (text.isBlank()) throw ApiException.badRequest("the request has no JSON body");
    return JSON.readValue(text, type);
  }

  private void listScenarios(Context ctx) {
    List<ScenarioView.Summary> out = new ArrayList<>();
    for (String name : catalog.names()) {
      try {
        Scenario s = catalog.get(name);
        out.add(ScenarioView.summary(name, s));
      } catch (ApiException e) {
        out.add(new ScenarioView.Summary(name, null, null, null, 0, 0, 0, e.getMessage()));
      }
    }
    ctx.json(out);
  }

  /** Lever values to check before running. */
  record Levers(Map<String, Double> overrides) {}

  private void validate(Context ctx) throws JsonProcessingException {
    Scenario s = catalog.get(ctx.pathParam("name"));
    Levers levers = body(ctx, Levers.class);
    s.parameters().withOverrides(levers.overrides() == null ? Map.of() : levers.overrides(), "levers");
    ctx.json(Map.of("ok", true));
  }

  private void submit(Context ctx) throws JsonProcessingException {
    JobRequest request = body(ctx, JobRequest.class);
    ctx.status(202).json(jobs.submit(request));
  }

  /** One line of the results list. */
  record ResultRow(long id, String kind, String created, String scenario, Long seed, int members, double wallSeconds,
      String note) {}

  /**
   * The results list, shared by the requests of one second: each store read opens the file and they take
   * turns, so twenty tabs polling it would queue behind each other and behind the jobs' recordings. A
   * result this server records shows at once; one the command line records, within a second.
   */
  private record CachedResults(List<ResultRow> rows, long recorded, long at) {}

  private CachedResults cachedResults;

  /** Stored results never change, so the last few asked for are kept: a page and its report ask in turn. */
  private final Map<Long, ResultView> recentResults = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, ResultView> eldest) {
      return size() > 8;
    }
  };

  private ResultView result(long id) {
    synchronized (recentResults) {
      ResultView v = recentResults.get(id);
      if (v != null) return v;
    }
    ResultView v = ResultView.load(store, catalog, id); // outside the lock: loads of different ids overlap
    synchronized (recentResults) {
      recentResults.put(id, v);
    }
    return v;
  }

  private void listResults(Context ctx) {
    ctx.json(resultRows());
  }

  private synchronized List<ResultRow> resultRows() {
    long now = System.nanoTime(), recorded = jobs.recorded();
    CachedResults c = cachedResults;
    if (c == null || c.recorded() != recorded || now - c.at() > 1_000_000_000L) {
      c = cachedResults = new CachedResults(readResultRows(), recorded, now);
    }
    return c.rows();
  }

  private List<ResultRow> readResultRows() {
    List<ResultRow> out = new ArrayList<>();
    for (RunRow r : store.list()) {
      JobRequest.Plan plan = ResultView.planOf(r.note());
      String scenario = plan == null ? r.scenario()
          : String.join(" | ", plan.variants().stream().map(JobRequest.Variant::label).toList());
      out.add(0, new ResultRow(r.id(), r.kind().label(), r.created() + "Z", scenario, r.seed(), r.members(),
          r.wallSeconds(), plan == null ? r.note() : plan.note()));
    }
    return List.copyOf(out.subList(0, Math.min(200, out.size()))); // newest first
  }

  private void report(Context ctx) {
    long id = id(ctx);
    String html = Report.html(result(id));
    ctx.contentType("text/html; charset=utf-8");
    if (ctx.queryParam("download") != null) ctx.header("Content-Disposition", "attachment; filename=\"tumen-report-" + id + ".html\"");
    ctx.result(html);
  }
}
