package org.tumen.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.tumen.store.ResultsStore;

/**
 * A self-contained HTML report of one stored result: the page's style, the chart library, the map outline,
 * the drawing code and the result's data all inlined, so that the file opens offline and can be mailed.
 */
public final class Report {
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private Report() {}

  /** The report of result {@code id} in the store; scenarios (for the map and the observed record) from {@code scenarios}. */
  public static String html(ResultsStore store, Path scenarios, long id) {
    try {
      return html(ResultView.load(store, new Scenarios(scenarios), id));
    } catch (ApiException e) {
      // Outside the server, a refused request is the command line's user mistake.
      throw new org.tumen.scenario.InvalidInputException(store.file().toString(), 0, "id", e.getMessage());
    }
  }

  static String html(ResultView result) {
    String title = "Tumen report: " + result.kind() + " " + result.id() + " ("
        + String.join(" vs ", result.variants().stream().map(ResultView.VariantView::label).toList()) + ")";
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<style>\n" + resource(WebServer.STATIC + "/app.css") + "\n</style>\n"
        + "<script>\n" + script(resource(ECHARTS)) + "\n</script>\n"
        + "<script>\n" + script(resource(WebServer.STATIC + "/charts.js")) + "\n</script>\n"
        + "</head><body class=\"report\">\n"
        + "<header><h1>" + escape(title) + "</h1><p class=\"muted\">Tumen " + escape(result.toolVersion())
        + ", recorded " + escape(result.created()) + ". An agent-based simulation; numbers are model outputs, not"
        + " observations. Bands show the 5-95% and 25-75% ranges over the runs.</p></header>\n"
        + "<main id=\"report\"></main>\n"
        + "<script>\nconst RESULT = " + script(json(result)) + ";\nconst OUTLINE = "
        + script(resource(WebServer.STATIC + "/geo/east-asia.geojson")) + ";\n"
        + "TumenCharts.renderReport(document.getElementById('report'), RESULT, OUTLINE);\n</script>\n"
        + "</body></html>\n";
  }

  private static String json(Object o) {
    try {
      return WebServer.JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Text placed inside a script element must not close it. */
  private static String script(String s) {
    return s.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
  }

  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String resource(String path) {
    try (InputStream in = Report.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing resource " + path + " (a packaging bug)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
