package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.WebDriver;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a person sees it: real headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}) against the real Jetty, at
 * desktop and phone widths. Screenshots land in {@code target/browser/}.
 * Skipped only on a machine without the browser and outside CI; in CI
 * ({@code CI} set) a missing browser fails the test.
 */
class DashboardBrowserTest {
    static final String ALERT = "<img src=x onerror=alert(1)>";
    static final String FLAG = "<img src=x onerror=window.__xss=1>";
    static final Path SHOTS = Path.of("target", "browser");

    @TempDir
    static Path profile;
    static WebDriver browser;

    @TempDir
    Path dir;
    TestBot bot;
    WebServer web;

    @BeforeAll
    static void startBrowser() throws Exception {
        Optional<Path[]> installed = WebDriver.installed();
        Assumptions.assumeTrue(installed.isPresent() || System.getenv("CI") != null,
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver); CI runs this test");
        Path[] found = installed.orElseThrow(() -> new AssertionError("CI is set but chromium or chromedriver is missing"));
        browser = WebDriver.start(found[0], found[1], profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void koa2() throws Exception {
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("release edit koa.2 --target 2021-02-15");
        bot.expectOk("status koa.2");
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --priority high --title \"" + ALERT + "\"");
        bot.expectOk("blocker add koa.2 https://github.com/openedx/edx-platform/issues/26310 --title \"" + FLAG + "\"");
        bot.expectOk("blocker add koa.2 https://github.com/openedx/edx-platform/issues/26311 --priority critical --title "
                + "\"A very long title without any spaces: " + "x".repeat(120) + "\"");
        bot.expectOk("@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native install\"");
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        web.start();
        browser.viewport(1280, 900, false);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    @Test
    void theReleasePageShowsTheBannerBlockersAndChartAndRunsNoInjectedScript() throws Exception {
        browser.open(url("/releases/koa.2"));
        browser.screenshot(SHOTS.resolve("release-desktop.png"));

        assertThat(browser.script("return document.title").asText()).isEqualTo("btr-bot — koa.2");
        assertThat(browser.script("return document.querySelector('h1').textContent").asText()).isEqualTo("koa.2 — testing");
        assertThat(browser.script("return document.querySelector('.banner.nogo h2').textContent").asText()).startsWith("NO-GO");
        // our stylesheet loaded (the policy lets styles come from the bot itself)
        assertThat(browser.script("return getComputedStyle(document.querySelector('.banner')).backgroundColor").asText())
                .isEqualTo("rgb(254, 226, 226)");
        assertThat(browser.script("return document.querySelector('a[href=\"https://discuss.openedx.org/t/4132\"]').textContent").asText())
                .isEqualTo(ALERT);
        assertThat(browser.script("return document.querySelectorAll('table.blockers tbody tr').length").asInt()).isEqualTo(3);
        assertThat(browser.script("return document.querySelectorAll('svg.burndown circle.point').length").asInt()).isGreaterThan(0);
        assertThat(browser.script("return document.querySelector('svg.burndown desc').textContent").asText()).contains("open blockers");
        // nothing injected ran: no alert, no flag, no script element, no image the titles tried to add
        assertThat(browser.alert()).isEmpty();
        assertThat(browser.script("return typeof window.__xss").asText()).isEqualTo("undefined");
        assertThat(browser.script("return document.scripts.length + document.images.length").asInt()).isZero();
        // and the policy itself holds in the browser: an inline script added to the page is refused
        browser.script("var s = document.createElement('script'); s.textContent = 'window.__csp = 1'; document.body.appendChild(s);");
        assertThat(browser.script("return typeof window.__csp").asText()).isEqualTo("undefined");
    }

    @Test
    void atPhoneWidthNothingOverflowsSideways() throws Exception {
        browser.viewport(390, 844, true);
        for (String path : new String[] {"/", "/releases/koa.2", "/releases/koa.9"}) {
            browser.open(url(path));
            browser.screenshot(SHOTS.resolve("phone" + path.replace('/', '-') + ".png"));
            assertThat(browser.script("return window.innerWidth").asInt()).as(path).isEqualTo(390);
            assertThat(browser.script("return document.documentElement.scrollWidth").asInt()).as(path).isLessThanOrEqualTo(390);
        }
    }

    @Test
    void theIndexLinksToTheReleaseAndBack() throws Exception {
        browser.open(url("/"));
        browser.screenshot(SHOTS.resolve("index-desktop.png"));
        assertThat(browser.script("return document.querySelector('.badge.nogo').textContent").asText()).isEqualTo("NO-GO");
        assertThat(browser.script("return document.querySelectorAll('svg.spark polyline').length").asInt()).isEqualTo(1);

        browser.click("a[href=\"/releases/koa.2\"]");
        assertThat(browser.currentUrl()).isEqualTo(url("/releases/koa.2"));
        assertThat(browser.script("return document.querySelector('h1').textContent").asText()).isEqualTo("koa.2 — testing");

        browser.click("header a[href=\"/\"]");
        assertThat(browser.currentUrl()).isEqualTo(url("/"));
        browser.open(url("/releases/koa.9"));
        assertThat(browser.script("return document.querySelector('h1').textContent").asText()).isEqualTo("Not found");
        browser.click("main a[href=\"/\"]");
        assertThat(browser.script("return document.querySelector('h1').textContent").asText()).isEqualTo("Releases");
    }
}
