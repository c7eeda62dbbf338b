package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.labelhub.dm.itests.Api.Reply;

/**
 * What a browser, an attacker's page or a password guesser meets: security headers on every answer, cross-origin
 * writes refused unless the origin is allowed, failed sign-ins throttled, unknown e-mails as slow as known ones.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HardeningIT {

    private static final Readiness READINESS = new Readiness();
    private static final String ALLOWED = "https://labeling.example.com";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Api admin;
    private String base;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(DistributionOptions.options(),
                editConfigurationFilePut("etc/io.labelhub.dm.cors.cfg", "allowed.origins", ALLOWED));
    }

    @Before
    public void awaitHealthy() {
        int port = Integer.getInteger(DistributionOptions.PORT_PROPERTY);
        base = "http://127.0.0.1:" + port + "/api/";
        Api anonymous = Api.at(port);
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "current-user");
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String adminAuth() {
        return basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private String newProject(String title) {
        return "{\"title\":\"" + title + "\",\"label_config\":" + Api.JSON.valueToTree(Api.labelConfig()) + "}";
    }

    private int projectCount() {
        return admin.get("projects").json("total").asInt();
    }

    @Test
    public void everyAnswerCarriesTheBrowserHardeningHeaders() {
        for (HttpResponse<String> response : List.of(send("GET", "projects", null, "Authorization", adminAuth()),
                send("GET", "projects", null), send("GET", "health", null))) {
            String what = response.uri() + " " + response.statusCode();
            assertEquals(what, "nosniff", header(response, "X-Content-Type-Options"));
            assertEquals(what, "DENY", header(response, "X-Frame-Options"));
            assertEquals(what, "no-referrer", header(response, "Referrer-Policy"));
            assertEquals(what, "no-store", header(response, "Cache-Control"));
            assertTrue(what, header(response, "Content-Security-Policy").contains("frame-ancestors 'none'"));
        }
    }

    @Test
    public void crossOriginWritesAreRefusedUnlessTheOriginIsAllowed() {
        int before = projectCount();
        HttpResponse<String> evil = send("POST", "projects", newProject("Evil"), "Authorization", adminAuth(),
                "Content-Type", "application/json", "Origin", "http://evil.example");
        assertEquals(evil.body(), 403, evil.statusCode());
        assertTrue(evil.body(), evil.body().contains("http://evil.example") && evil.body().contains("allowed.origins"));
        HttpResponse<String> evilPreflight = send("OPTIONS", "projects", null, "Origin", "http://evil.example",
                "Access-Control-Request-Method", "DELETE");
        assertEquals(403, evilPreflight.statusCode());
        assertEquals(null, header(evilPreflight, "Access-Control-Allow-Origin"));
        assertEquals("nothing was created by the refused write", before, projectCount());

        HttpResponse<String> preflight = send("OPTIONS", "projects", null, "Origin", ALLOWED,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
        assertEquals(preflight.body(), 204, preflight.statusCode());
        assertEquals(ALLOWED, header(preflight, "Access-Control-Allow-Origin"));
        assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("POST"));
        assertTrue(header(preflight, "Access-Control-Allow-Headers").contains("Authorization"));
        HttpResponse<String> allowed = send("POST", "projects", newProject("Allowed"), "Authorization", adminAuth(),
                "Content-Type", "application/json", "Origin", ALLOWED);
        assertEquals(allowed.body(), 201, allowed.statusCode());
        assertEquals(ALLOWED, header(allowed, "Access-Control-Allow-Origin"));
        assertTrue(header(allowed, "Access-Control-Expose-Headers").contains("Location"));

        // the web console is served from the API's own origin, and scripts send no Origin at all
        HttpResponse<String> same = send("POST", "projects", newProject("Same"), "Authorization", adminAuth(),
                "Content-Type", "application/json", "Origin", base.substring(0, base.indexOf("/api/")));
        assertEquals(same.body(), 201, same.statusCode());
        assertEquals(before + 2, projectCount());
    }

    @Test
    public void failedSignInsAreThrottledSoGuessingIsSlowAndAMistypingPersonSurvives() {
        Reply created = admin.post("users", "{\"email\":\"guessed@example.com\",\"password\":\"right-password-1\"}");
        assertEquals(created.raw(), 201, created.status());
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            codes.add(send("GET", "current-user", null, "Authorization", basic("guessed@example.com", "wrong-" + i))
                    .statusCode());
        }
        assertEquals("five mistakes are free, the sixth locks, then the account answers 429",
                List.of(401, 401, 401, 401, 401, 401, 429, 429), codes);
        HttpResponse<String> right = send("GET", "current-user", null, "Authorization",
                basic("guessed@example.com", "right-password-1"));
        assertEquals("while locked even the right password waits", 429, right.statusCode());
        assertTrue(right.body(), right.body().contains("try again in"));
        long retryAfter = Long.parseLong(header(right, "Retry-After"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 15 * 60 + 1);
        HttpResponse<String> other = send("GET", "current-user", null, "Authorization", adminAuth());
        assertEquals("other accounts are not affected", 200, other.statusCode());
    }

    @Test
    public void anUnknownEmailTakesAsLongAsAWrongPasswordOfAKnownOne() {
        Reply created = admin.post("users", "{\"email\":\"timed@example.com\",\"password\":\"right-password-2\"}");
        assertEquals(created.raw(), 201, created.status());
        long[] known = new long[4];
        long[] unknown = new long[4];
        for (int i = 0; i < 4; i++) {
            known[i] = timed("timed@example.com", "wrong-" + i);
            unknown[i] = timed("nobody-" + i + "@example.com", "wrong-" + i);
        }
        java.util.Arrays.sort(known);
        java.util.Arrays.sort(unknown);
        long knownMedian = known[2];
        long unknownMedian = unknown[2];
        // the password hash takes ~100 ms here; before, an unknown e-mail answered in ~2 ms
        assertFalse("unknown " + unknownMedian + " ms vs known " + knownMedian + " ms",
                unknownMedian * 3 < knownMedian);
    }

    private long timed(String email, String password) {
        long started = System.nanoTime();
        HttpResponse<String> response = send("GET", "current-user", null, "Authorization", basic(email, password));
        assertEquals(401, response.statusCode());
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    public void aRefusedMethodNamesOnlyTheMethodsOfItsAddress() {
        HttpResponse<String> tasks = send("DELETE", "projects/1/tasks", null, "Authorization", adminAuth());
        assertEquals(tasks.body(), 405, tasks.statusCode());
        assertEquals("GET,HEAD,OPTIONS,POST", header(tasks, "Allow").replace(" ", ""));
        assertTrue(tasks.body(), tasks.body().contains("allowed: GET, HEAD, OPTIONS, POST"));
        HttpResponse<String> me = send("PUT", "current-user", "{}", "Authorization", adminAuth(),
                "Content-Type", "application/json");
        assertEquals(405, me.statusCode());
        assertEquals("GET,HEAD,OPTIONS", header(me, "Allow").replace(" ", ""));
    }

    @Test
    public void nothingButHealthAnswersWithoutCredentials() {
        for (String path : List.of("?_wadl", "projects?_wadl", "", "no-such-thing", "projects/1/tasks")) {
            HttpResponse<String> anonymous = send("GET", path, null);
            assertTrue(path + ": " + anonymous.statusCode(), anonymous.statusCode() == 401
                    || anonymous.statusCode() == 404 && anonymous.body().isEmpty());
            assertFalse(path + " describes the API: " + anonymous.body(), anonymous.body().contains("<resource"));
        }
        assertEquals("an unknown address tells nothing before sign-in", 401,
                send("GET", "no-such-thing", null).statusCode());
        assertEquals(404, send("GET", "no-such-thing", null, "Authorization", adminAuth()).statusCode());
        HttpResponse<String> described = send("GET", "?_wadl", null, "Authorization", adminAuth());
        assertFalse(described.body(), described.body().contains("<resource"));
        assertEquals(200, send("GET", "health", null).statusCode());
    }

    @Test
    public void aPageOrScriptThatAsksForJsonIsNotInvitedToTheBrowsersBasicDialog() {
        HttpResponse<String> browser = send("GET", "projects", null);
        assertEquals(401, browser.statusCode());
        assertTrue(header(browser, "WWW-Authenticate"), header(browser, "WWW-Authenticate").startsWith("Basic"));
        for (String[] scripted : List.of(new String[] {"Accept", "application/json"},
                new String[] {"X-Requested-With", "XMLHttpRequest"})) {
            HttpResponse<String> response = send("GET", "projects", null, scripted);
            assertEquals(401, response.statusCode());
            assertFalse(scripted[0] + ": " + header(response, "WWW-Authenticate"),
                    header(response, "WWW-Authenticate").toLowerCase(java.util.Locale.ROOT).startsWith("basic"));
        }
    }
}
