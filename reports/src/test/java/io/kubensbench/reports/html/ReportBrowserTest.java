package io.kubensbench.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens the report from {@code file://} in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): no console errors, every chart drawn at a non-zero size, no
 * script run by data; for one node and for several, keeping screenshots at
 * {@code target/report-screenshot.png} and {@code target/report-nodes-screenshot.png}.
 */
class ReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        Path dir = tmp.resolve("results");
        Summary summary = SyntheticResults.write(dir, "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", 4,
                new int[] {100, 250});
        rendersWithoutScriptsOrErrors(new ReportWriter().write(dir, summary), "report-screenshot.png");
    }

    @Test
    void reportOverSeveralNodesRendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        Path dir = tmp.resolve("nodes");
        Summary summary = SyntheticResults.write(dir, "<script>alert(1)</script>",
                List.of("node-a", "\"><img src=x onerror=alert(2)>", "node-c"), 3, new int[] {100, 250});
        rendersWithoutScriptsOrErrors(new ReportWriter().write(dir, summary), "report-nodes-screenshot.png");
    }

    private void rendersWithoutScriptsOrErrors(Path index, String screenshot) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(index.toUri().toString());
            assertThat(driver.getTitle()).contains("<script>alert(1)</script>");
            assertThat(driver.switchTo()).satisfies(t -> {
                try {
                    t.alert();
                    throw new AssertionError("an alert is open: a script from the data ran");
                } catch (NoAlertPresentException expected) {
                    // no script ran
                }
            });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sizes = (List<Map<String, Object>>) driver.executeScript(
                    "return Array.from(document.querySelectorAll('img, svg')).map(e => {"
                            + " const r = e.getBoundingClientRect(); return {tag: e.tagName, w: r.width, h: r.height}; });");
            assertThat(sizes).isNotEmpty();
            for (Map<String, Object> s : sizes) {
                assertThat(((Number) s.get("w")).doubleValue()).as("%s width", s.get("tag")).isPositive();
                assertThat(((Number) s.get("h")).doubleValue()).as("%s height", s.get("tag")).isPositive();
            }
            assertThat(driver.findElements(org.openqa.selenium.By.tagName("img"))).isEmpty();
            assertThat(driver.findElements(org.openqa.selenium.By.tagName("script"))).isEmpty();
            assertThat(driver.getPageSource()).contains("onerror=alert(2)&gt;");
            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as("console errors").isEmpty();
            Path shot = Path.of("target", screenshot);
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(shot)).isPositive();
        } finally {
            driver.quit();
        }
    }
}
