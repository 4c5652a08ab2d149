package org.tumen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
    server = WebServer.start(new WebServer.Config("127.0.0.1", 0, scenarios, tmp.resolve("store.duckdb"), 2));
    base = "http://127.0.0.1:" + server.port();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--window-size=1440,1150", "--hide-scrollbars");
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
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
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

  @Test
  @Order(3)
  void compareTwoScenarios() throws Exception {
    browser.findElement(By.id("tab-compare")).click();
    WebElement runs = browser.findElement(By.id("compare-runs"));
    runs.clear();
    runs.sendKeys("2");
    browser.findElement(By.cssSelector(".preset[data-preset='lenient']")).click();
    browser.findElement(By.id("compare-button")).click();
    wait.until(d -> d.findElement(By.id("page-compare")).getAttribute("data-result-id") != null);
    wait.until(d -> d.findElement(By.id("compare-table")).getText().contains("arrests /10"));
    assertThat(text("#compare-table")).contains("repatriations").contains("baseline");
    waitForChart("#chart-compare-diff");
    shoot("4-compare");
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
