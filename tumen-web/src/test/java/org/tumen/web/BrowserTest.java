package org.tumen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's chromium and chromium-driver): load it, change a lever,
 * run, see the chart update, open the flow map and a comparison, open a report; screenshots go to
 * target/screenshots and must not be blank. Skipped when Chromium is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Path DOWNLOADS = Path.of("target", "browser-downloads");

  @TempDir static Path tmp;
  static WebServer server;
  static ChromeDriver browser;
  static WebDriverWait wait;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium not installed (apt-get install chromium chromium-driver)");
    Path scenarios = TestScenarios.shortKorea(tmp.resolve("scenarios"), 2005);
    TestScenarios.unhcrFrom(scenarios, "1998-01-01"); // korea-unhcr's rule change, early enough to act by 2005
    server = WebServer.start(new WebServer.Config("127.0.0.1", 0, scenarios, tmp.resolve("store.duckdb"), 2));
    base = "http://127.0.0.1:" + server.port();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--window-size=1440,1150", "--hide-scrollbars");
    Files.createDirectories(DOWNLOADS);
    try (var old = Files.list(DOWNLOADS)) {
      for (Path f : old.toList()) Files.delete(f);
    }
    o.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
        "download.prompt_for_download", false, "profile.default_content_setting_values.automatic_downloads", 1));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    browser = new ChromeDriver(service, o);
    wait = new WebDriverWait(browser, Duration.ofSeconds(120));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (server != null) server.close();
  }

  @Test
  @Order(1)
  void changeALeverRunAndSeeTheChartUpdate() throws Exception {
    browser.get(base + "/");
    waitUntilReady();
    assertThat(browser.findElements(By.cssSelector(".lever")).size()).isGreaterThan(50);
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("Spanish embassy");
    setLever("hiding.enforcement", "0.5");
    assertThat(browser.findElement(By.cssSelector(".lever[data-name='hiding.enforcement']")).getAttribute("class"))
        .contains("changed");
    shoot("1-scenario");

    String first = runAndWaitForResult();
    assertThat(text("#result-summary")).contains("hiding.enforcement = 0.5");
    waitForChart("#chart-arrivals");
    shoot("2-results");

    // A second run with another value: the page shows the new result, and the chart is redrawn.
    browser.findElement(By.id("tab-scenario")).click();
    setLever("hiding.enforcement", "2");
    String second = runAndWaitForResult();
    assertThat(second).isNotEqualTo(first);
    assertThat(text("#result-summary")).contains("hiding.enforcement = 2");
    waitForChart("#chart-arrivals");
  }

  @Test
  @Order(2)
  void flowMapWithTimeSliderAndSankey() throws Exception {
    browser.findElement(By.id("tab-flows")).click();
    WebElement slider = browser.findElement(By.id("year-slider"));
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0].value = 2002; arguments[0].dispatchEvent(new Event('input'));", slider);
    wait.until(d -> d.findElement(By.id("page-flows")).getAttribute("data-drawn").endsWith(":2002"));
    waitForChart("#flow-map");
    waitForChart("#sankey");
    assertThat(text("#flow-map")).contains("2002");
    assertThat(text("#sankey")).contains("Crossed into China");
    shoot("3-flows");
  }

  /**
   * The whole story: korea against korea-unhcr built in the UI (the default comparison), run; the
   * difference in repatriations is negative and its band is drawn below zero (read from the rendered SVG and
   * compared with the result's quantiles); the experiment is saved, reloaded from the file and from its link;
   * a chart is exported as PNG and its data as CSV.
   */
  @Test
  @Order(3)
  void compareKoreaAgainstKoreaUnhcrSaveReloadAndExport() throws Exception {
    browser.findElement(By.id("tab-compare")).click();
    assertThat(variantScenarios()).containsExactly("korea", "korea-unhcr");
    setValue("#compare-runs", "3");
    browser.findElement(By.id("compare-button")).click();
    wait.until(d -> d.findElement(By.id("page-compare")).getAttribute("data-result-id") != null);
    wait.until(d -> d.findElement(By.id("compare-table")).getText().contains("korea-unhcr"));
    assertThat(text("#compare-table")).contains("repatriations").contains("baseline");
    waitForChart("#chart-compare-repatriated");
    shoot("4-compare");
    ((JavascriptExecutor) browser).executeScript("document.querySelector('#chart-compare-repatriated').scrollIntoView()");
    shoot("4b-compare-differences");

    // The 5-95% band of the paired difference, as drawn: upper edge, then lower edge, one point per year.
    long id = Long.parseLong(browser.findElement(By.id("page-compare")).getAttribute("data-result-id"));
    JsonNode result = new ObjectMapper().readTree(new java.net.URL(base + "/api/results/" + id));
    int first = result.get("firstYear").asInt(), years = result.get("lastYear").asInt() - first + 1;
    JsonNode repatriated = result.get("differences").get("repatriated").get(0);
    List<List<Double>> band = drawnBand("#chart-compare-repatriated", 0.15);
    assertThat(band).hasSize(2 * years);
    double axis = Math.abs(repatriated.get("p05").get(years - 1).asDouble()) + 1;
    for (int i = 0; i < years; i++) {
      double upper = band.get(i).get(1), lower = band.get(2 * years - 1 - i).get(1);
      assertThat(upper).as("upper bound drawn for " + (first + i)).isCloseTo(repatriated.get("p95").get(i).asDouble(), within(0.03 * axis));
      assertThat(lower).as("lower bound drawn for " + (first + i)).isCloseTo(repatriated.get("p05").get(i).asDouble(), within(0.03 * axis));
      if (first + i >= 2000) assertThat(upper).as("the band of " + (first + i) + " lies below zero").isNegative();
    }

    // Save the experiment, spoil the page, load the file: the same comparison is back.
    Path saved = download(() -> click(By.id("save-comparison")), ".json");
    JsonNode experiment = new ObjectMapper().readTree(saved.toFile());
    assertThat(experiment.get("kind").asText()).isEqualTo("compare");
    assertThat(experiment.get("runs").asInt()).isEqualTo(3);
    assertThat(experiment.get("variants").findValuesAsText("scenario")).containsExactly("korea", "korea-unhcr");
    click(By.id("add-variant"));
    setValue("#compare-runs", "9");
    assertThat(variantScenarios()).hasSize(3);
    browser.findElement(By.cssSelector("#page-compare .load-experiment")).sendKeys(saved.toAbsolutePath().toString());
    wait.until(d -> variantScenarios().size() == 2);
    assertThat(variantScenarios()).containsExactly("korea", "korea-unhcr");
    assertThat(browser.findElement(By.id("compare-runs")).getAttribute("value")).isEqualTo("3");

    // The link opens the same experiment in a fresh page.
    click(By.id("link-comparison"));
    String link = browser.findElement(By.id("comparison-link")).getAttribute("value");
    assertThat(link).contains("?experiment=").endsWith("#compare");
    browser.get(base + "/");
    waitUntilReady();
    browser.get(link);
    waitUntilReady();
    assertThat(browser.findElement(By.id("page-compare")).getAttribute("class")).contains("active");
    assertThat(variantScenarios()).containsExactly("korea", "korea-unhcr");
    assertThat(browser.findElement(By.id("compare-runs")).getAttribute("value")).isEqualTo("3");

    // Export the repatriations chart and its numbers.
    waitForChart("#chart-compare-repatriated");
    Path png = download(() -> click(exportButton("#chart-compare-repatriated", "png")), ".png");
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(5000);
    assertThat(java.util.Arrays.copyOf(bytes, 4)).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(600);
    Path csv = download(() -> click(exportButton("#chart-compare-repatriated", "csv")), ".csv");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("year,").contains("korea-unhcr 5-95% low", "korea-unhcr 5-95% high");
    assertThat(lines).hasSize(years + 1);
    String[] row2003 = lines.get(2003 - first + 1).split(",");
    List<String> header = List.of(lines.get(0).split(","));
    assertThat(Double.parseDouble(row2003[header.indexOf("korea-unhcr 5-95% high")]))
        .isEqualTo(repatriated.get("p95").get(2003 - first).asDouble()).isNegative();
  }

  @Test
  @Order(4)
  void reportOpensWithoutTheServer() throws Exception {
    String id = browser.findElement(By.id("page-results")).getAttribute("data-result-id");
    browser.get(base + "/api/results/" + id + "/report.html");
    String source = browser.getPageSource();
    Path file = tmp.resolve("report.html");
    Files.writeString(file, (String) ((JavascriptExecutor) browser).executeScript("return document.documentElement.outerHTML"));
    server.close(); // the report must not need the server
    server = null;
    browser.get(file.toUri().toString());
    wait.until(d -> d.findElements(By.cssSelector("#report .chart svg")).size() >= 6);
    assertThat(source).contains("Tumen report");
    shoot("5-report");
  }

  // ---- helpers

  static void waitUntilReady() {
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  static List<String> variantScenarios() {
    return browser.findElements(By.cssSelector(".variant .v-scenario")).stream().map(e -> e.getAttribute("value")).toList();
  }

  static void setValue(String css, String value) {
    WebElement input = browser.findElement(By.cssSelector(css));
    input.clear();
    input.sendKeys(value);
  }

  static By exportButton(String chart, String kind) {
    return By.cssSelector(chart + " .export[data-export='" + kind + "']");
  }

  /** Clicks an element after scrolling it to the middle of the window (the sticky header covers the top). */
  static void click(By what) {
    WebElement e = browser.findElement(what);
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  /**
   * The polygons of a chart's bands with the given opacity, as drawn: each SVG path's points converted back
   * to data coordinates ([category index, value]) by the chart itself.
   */
  @SuppressWarnings("unchecked")
  static List<List<Double>> drawnBand(String chart, double opacity) {
    List<List<List<Number>>> polygons = (List<List<List<Number>>>) ((JavascriptExecutor) browser).executeScript("""
        const el = document.querySelector(arguments[0]);
        const c = echarts.getInstanceByDom(el);
        return [...el.querySelectorAll('path')]
          .filter((p) => Number(p.getAttribute('opacity') || p.getAttribute('fill-opacity')) === arguments[1])
          .map((p) => {
            const n = p.getAttribute('d').match(/-?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?/g).map(Number);
            const points = [];
            for (let i = 0; i + 1 < n.length; i += 2) points.push(c.convertFromPixel({ gridIndex: 0 }, [n[i], n[i + 1]]));
            return points;
          });""", chart, opacity);
    assertThat(polygons).as("band polygons of opacity " + opacity + " in " + chart).hasSize(1);
    return polygons.get(0).stream().map(p -> List.of(p.get(0).doubleValue(), p.get(1).doubleValue())).toList();
  }

  /** Does what downloads a file and returns the new file with that ending once it is complete. */
  static Path download(Runnable action, String ending) throws Exception {
    java.util.Set<Path> before;
    try (var files = Files.list(DOWNLOADS)) {
      before = files.collect(java.util.stream.Collectors.toSet());
    }
    action.run();
    for (int i = 0; i < 200; i++) {
      try (var files = Files.list(DOWNLOADS)) {
        var found = files.filter(f -> !before.contains(f) && f.getFileName().toString().endsWith(ending)).findFirst();
        if (found.isPresent() && Files.size(found.get()) > 0) return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + ending + " file was downloaded into " + DOWNLOADS);
  }

  static void setLever(String name, String value) {
    WebElement input = browser.findElement(By.cssSelector("input[data-lever='" + name + "']"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
    input.clear();
    input.sendKeys(value);
  }

  static String runAndWaitForResult() {
    String before = browser.findElement(By.id("page-results")).getAttribute("data-result-id");
    browser.findElement(By.id("run-button")).click();
    wait.until(d -> {
      String now = d.findElement(By.id("page-results")).getAttribute("data-result-id");
      return now != null && !now.equals(before) && d.findElement(By.id("page-results")).getAttribute("class").contains("active");
    });
    return browser.findElement(By.id("page-results")).getAttribute("data-result-id");
  }

  static void waitForChart(String css) {
    wait.until(d -> d.findElements(By.cssSelector(css + " svg path")).size() > 5);
  }

  static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  /** Saves a screenshot and checks it shows something: many colours, and not one colour almost everywhere. */
  static void shoot(String name) throws Exception {
    Thread.sleep(200); // let the last frame paint
    File png = browser.getScreenshotAs(OutputType.FILE);
    Path out = SHOTS.resolve(name + ".png");
    Files.copy(png.toPath(), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    BufferedImage img = ImageIO.read(out.toFile());
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) counts.merge(img.getRGB(x, y), 1, Integer::sum);
    }
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int commonest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    assertThat(counts.size()).as("distinct colours in " + out).isGreaterThan(50);
    assertThat(commonest / (double) total).as("share of the commonest colour in " + out).isLessThan(0.985);
  }
}
