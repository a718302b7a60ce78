package nscheck.checkers.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the generated report pages in Debian's headless Chromium, from file:// (no network is
 * needed: every page inlines its style and script), at a laptop's width and a phone's, and checks
 * what a reader relies on: the chart's lifelines, namespace boxes, steps and violating state, that
 * every link lands on an existing page and anchor, and that the browser logged no error. It saves
 * the screenshots the README and docs/reports.md show.
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension LAPTOP = new Dimension(1366, 768);
    static final Dimension PHONE = new Dimension(390, 844);

    /** The chart as a laptop shows it; a phone shows the narrow drawing of the same chart. */
    static final String WIDE = ".chart.wide svg.seqchart";
    static WebDriver browser;
    /** Held so that the level set on it stays set (java.util.logging keeps loggers weakly). */
    static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");
    static ReportFixture.Pages pages;

    @BeforeAll
    static void open() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: no browser: " + CHROMIUM + " or " + DRIVER + " is missing (apt-get install chromium chromium-driver; .ci/run does)");
        pages = ReportFixture.build(Path.of("target", "report-browser-test"));
        // Selenium warns that it has no DevTools binding for this Chromium; nothing here uses DevTools.
        SELENIUM.setLevel(Level.SEVERE);
        // No Selenium Manager: the driver is Debian's, named here, and so is the browser.
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) browser.quit();
    }

    private static void load(Path page, Dimension size) {
        browser.manage().window().setSize(size);
        browser.get(page.toUri().toString());
    }

    private static List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void counterexampleChartDrawsLifelinesNamespacesStepsAndTheViolatingState() throws IOException {
        load(pages.chart(), LAPTOP);
        assertEquals(2, all("svg.seqchart").size(), "a wide and a narrow drawing");
        // shallow-zap: T0 in the root namespace, T2 the init of a level-1 namespace, T1′ the init of a level-2 one inside it
        assertTrue(all(WIDE + " .lifeline").size() >= 4, "lifelines");
        assertEquals(List.of("0", "0/1", "0/1/2"), all(WIDE + " g.ns").stream().map(e -> e.getDomAttribute("data-ns")).toList());
        assertEquals(6, all(WIDE + " g.step").size(), "the initial state and five steps");
        List<WebElement> violating = all(WIDE + " g.step.violating");
        assertEquals(1, violating.size());
        assertEquals("5", violating.get(0).getDomAttribute("data-step"));
        // The inner init T1′ is numbered at every level, outermost first: 2 in the root, 2 in level 1, 1 in its own.
        assertTrue(violating.get(0).findElements(By.cssSelector("g.nspid")).stream().anyMatch(e -> "2 2 1".equals(e.getDomAttribute("data-nspid"))));
        // nested boxes: each inner box lies inside its parent
        double[] outer = box("0"), middle = box("0/1"), inner = box("0/1/2");
        assertTrue(outer[0] < middle[0] && middle[2] < outer[2] && middle[0] < inner[0] && inner[2] < middle[2], "boxes nest");
        assertTrue(browser.findElement(By.cssSelector(".property")).getText().contains("init-kills-namespace"));
        noConsoleErrors();
        WebElement chart = browser.findElement(By.cssSelector(".chart.wide"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", chart);
        save(chart.getScreenshotAs(OutputType.FILE), "counterexample-chart.png");
    }

    @Test
    void matrixLinksFailingCellsToChartsAndTellsCellsLikeMainlineFromCellsThatDiffer() throws IOException {
        load(pages.matrix(), LAPTOP);
        // seeded-global-reaper fails isolation with mainline's own trace; seeded-leaky-translate with a shorter one
        WebElement same = browser.findElement(By.id(MatrixPage.anchor("isolation", "seeded-global-reaper")));
        assertTrue(same.getText().contains("same as mainline"), same.getText());
        WebElement differs = browser.findElement(By.id(MatrixPage.anchor("isolation", "seeded-leaky-translate")));
        assertTrue(differs.getText().contains("differs"), differs.getText());
        List<WebElement> failing = all("td.cell-violated");
        assertFalse(failing.isEmpty());
        for (WebElement cell : failing) assertEquals(1, cell.findElements(By.cssSelector("a[href^='cex/']")).size(), cell.getText());
        // the view of differing cells lists orphan-reaper under seeded-global-reaper, and no cell that is as under mainline
        String view = browser.findElement(By.id("differs")).findElement(By.xpath("following-sibling::*[1]")).getText();
        assertTrue(view.contains("orphan-reaper"), view);
        assertFalse(view.contains("seeded-global-reaper\nFAIL 4\nFAIL 4"), view);
        noConsoleErrors();
        save(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE), "proposal-matrix.png");
    }

    @Test
    void conformanceMismatchShowsSpecAndKernelSideBySideAtTheFirstDifference() throws IOException {
        Assumptions.assumeTrue(pages.conform() != null, "skipped: the conformance probe needs root to create PID namespaces");
        load(pages.conform(), LAPTOP);
        List<WebElement> links = all("a[href*='#divergence']");
        assertFalse(links.isEmpty(), "the kernel contradicts seeded-leaky-translate: a mismatch with a chart");
        links.get(0).click();
        assertEquals(1, all(WIDE + " g.step.diverging").size());
        assertEquals("spec", browser.findElement(By.cssSelector(".side .spec b")).getText());
        assertEquals("kernel", browser.findElement(By.cssSelector(".side .kernel b")).getText());
        assertFalse(browser.findElement(By.cssSelector(".side .spec code")).getText()
                .equals(browser.findElement(By.cssSelector(".side .kernel code")).getText()));
        noConsoleErrors();
        save(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE), "conformance-mismatch.png");
    }

    @Test
    void runFiguresPlotStatesPerLevelRateAndCoverage() throws IOException {
        load(pages.run(), LAPTOP);
        assertTrue(all("svg#states-per-level rect.bar").size() >= 3, "a bar per BFS level");
        assertFalse(all("svg#coverage rect.bar").isEmpty(), "a bar per call family that fired");
        assertEquals(1, all("a[href^='cex/']").size(), "the orphan-reaper violation links to its chart");
        noConsoleErrors();
        // Only the states per level: the rate over time changes from run to run, and the committed image should not.
        WebElement levels = browser.findElement(By.cssSelector("#levels + .figure"));
        save(levels.getScreenshotAs(OutputType.FILE), "run-figures.png");
    }

    private static double[] box(String ns) {
        WebElement r = browser.findElement(By.cssSelector(WIDE + " g.ns[data-ns='" + ns + "'] rect"));
        double x = Double.parseDouble(r.getDomAttribute("x")), w = Double.parseDouble(r.getDomAttribute("width"));
        return new double[] {x, 0, x + w};
    }

    @Test
    void everyKindOfPageFitsAPhoneAndALaptopWithoutConsoleErrors() throws IOException {
        for (Dimension size : List.of(LAPTOP, PHONE)) {
            browser.manage().window().setSize(size);
            for (Path page : pages.kinds()) {
                browser.get(page.toUri().toString());
                // The page itself never scrolls sideways; wide charts and tables scroll inside their own box.
                long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                assertTrue(overflow <= 0, page + " at " + size + " is " + overflow + " px too wide");
                noConsoleErrors();
            }
        }
        load(pages.chart(), PHONE);
        assertFalse(browser.findElement(By.cssSelector(".chart.wide")).isDisplayed());
        WebElement narrow = browser.findElement(By.cssSelector(".chart.narrow"));
        assertTrue(narrow.isDisplayed());
        assertEquals(6, narrow.findElements(By.cssSelector("g.step")).size());
        long chartOverflow = ((Number) js("var e = document.querySelector('.chart.narrow'); return e.scrollWidth - e.clientWidth")).longValue();
        assertTrue(chartOverflow <= 0, "the narrow chart of three nested namespaces fits a phone: " + chartOverflow + " px too wide");
        js("document.querySelector('.chart.narrow').scrollIntoView()");
        save(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE), "counterexample-chart-phone.png");
    }

    /**
     * Read from the pages' HTML rather than clicked through: each page's links resolved against the
     * page, as the browser resolves them, without loading every chart once more.
     */
    @Test
    void everyLinkLandsOnAnExistingPageAndAnchor() throws IOException {
        java.util.regex.Pattern href = java.util.regex.Pattern.compile("<a [^>]*href=\"([^\"]*)\"");
        int checked = 0;
        for (Path page : pages.all()) {
            java.util.regex.Matcher m = href.matcher(Files.readString(page));
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                assertFalse(link.contains("://"), page + ": link leaves the site: " + link);
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                assertTrue(Files.isRegularFile(target), page + ": link to a missing file: " + link);
                if (hash >= 0)
                    assertTrue(Files.readString(target).contains("id=\"" + link.substring(hash + 1) + "\""), page + ": link to a missing anchor: " + link);
                checked++;
            }
        }
        assertTrue(checked > 20, "links checked: " + checked);
    }

    private static void noConsoleErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER))
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) severe.add(e.getMessage());
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    /** Screenshots go where docs/reports.md and the README show them. */
    private static void save(File shot, String name) throws IOException {
        Path images = ReportFixture.repositoryRoot().resolve("docs").resolve("images");
        Files.createDirectories(images);
        Files.copy(shot.toPath(), images.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
