package io.labelhub.dm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Browser sessions over real HTTP on the booted distribution, as a browser would use them: sign in with the form's
 * fields, the HttpOnly SameSite=Strict cookie, reads with the cookie alone, writes only with the CSRF token, sign
 * out, and a session that ends when its user is deactivated or changes password.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionIT {

    private static final Readiness READINESS = new Readiness();
    private static final String PASSWORD = "session-password-1";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String run = Long.toString(System.nanoTime(), 36);
    private Api admin;
    private String base;

    /** A signed-in browser: its cookie and the token its page keeps in memory. */
    private record Browser(String cookie, String csrf, JsonNode body) {
    }

    @Configuration
    public Option[] config() {
        return DistributionOptions.options();
    }

    @Before
    public void awaitHealthy() {
        int port = Integer.getInteger(DistributionOptions.PORT_PROPERTY);
        base = "http://127.0.0.1:" + port + "/api/";
        Api anonymous = Api.at(port);
        admin = anonymous.basic(DistributionOptions.ADMIN_EMAIL, DistributionOptions.ADMIN_PASSWORD);
        READINESS.awaitReady(anonymous, admin, "session");
    }

    private long user(String name) {
        Api.Reply created = admin.post("users", "{\"email\":\"" + name + "-" + run + "@session.test\",\"password\":\""
                + PASSWORD + "\",\"role\":\"manager\"}");
        assertEquals(created.raw(), 201, created.status());
        return created.id();
    }

    private HttpResponse<String> send(String method, String path, String cookie, String csrf, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
                "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Browser signIn(String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("POST", "session", null, null, "{\"email\":\"" + name + "-" + run
                + "@session.test\",\"password\":\"" + password + "\"}");
        assertEquals(answer.body(), 200, answer.statusCode());
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.startsWith("dm_session="));
        assertTrue(setCookie, setCookie.contains("HttpOnly"));
        assertTrue(setCookie, setCookie.contains("SameSite=Strict"));
        assertTrue(setCookie, setCookie.contains("Path=/"));
        JsonNode body = Api.JSON.readTree(answer.body());
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), body.get("csrf_token").asText(), body);
    }

    @Test
    public void aBrowserSignsInReadsWithTheCookieWritesOnlyWithItsTokenAndSignsOut() throws Exception {
        user("ada");
        Browser browser = signIn("ada", PASSWORD);
        assertEquals("ada-" + run + "@session.test", browser.body().get("user").get("email").asText());
        assertFalse(browser.body().toString(), browser.body().toString().contains(PASSWORD));

        HttpResponse<String> projects = send("GET", "projects", browser.cookie(), null, null);
        assertEquals(projects.body(), 200, projects.statusCode());
        // after a reload the page asks for its token again
        JsonNode again = Api.JSON.readTree(send("GET", "session", browser.cookie(), null, null).body());
        assertEquals(browser.csrf(), again.get("csrf_token").asText());

        String project = "{\"title\":\"By cookie\",\"label_config\":" + Api.JSON.valueToTree(Api.labelConfig()) + "}";
        HttpResponse<String> forged = send("POST", "projects", browser.cookie(), null, project);
        assertEquals(forged.body(), 403, forged.statusCode());
        assertTrue(forged.body(), forged.body().contains("X-CSRF-Token"));
        HttpResponse<String> wrong = send("POST", "projects", browser.cookie(), "0".repeat(40), project);
        assertEquals(403, wrong.statusCode());
        HttpResponse<String> made = send("POST", "projects", browser.cookie(), browser.csrf(), project);
        assertEquals(made.body(), 201, made.statusCode());

        HttpResponse<String> out = send("DELETE", "session", browser.cookie(), browser.csrf(), null);
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        HttpResponse<String> after = send("GET", "projects", browser.cookie(), null, null);
        assertEquals(after.body(), 401, after.statusCode());
        assertFalse("no Basic dialog for a page", after.headers().firstValue("WWW-Authenticate").orElse("")
                .startsWith("Basic"));
    }

    @Test
    public void aWrongPasswordIsA401AndBasicAndTokensKeepWorkingBesideSessions() throws Exception {
        user("bob");
        HttpResponse<String> wrong = send("POST", "session", null, null, "{\"email\":\"bob-" + run
                + "@session.test\",\"password\":\"not-the-password\"}");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body(), wrong.body().contains("sign-in failed"));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        HttpResponse<String> missing = send("POST", "session", null, null, "{\"email\":\"bob-" + run
                + "@session.test\"}");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("password"));
        HttpResponse<String> unknown = send("GET", "projects", "dm_session=" + "ab".repeat(20), null, null);
        assertEquals(401, unknown.statusCode());

        JsonNode basic = admin.get("session").body();
        assertEquals(DistributionOptions.ADMIN_EMAIL, basic.get("user").get("email").asText());
        assertTrue("no token without a session cookie", basic.get("csrf_token").isNull());
    }

    @Test
    public void aSessionEndsWhenItsUserIsDeactivatedOrChangesPassword() throws Exception {
        long cy = user("cy");
        Browser first = signIn("cy", PASSWORD);
        Browser second = signIn("cy", PASSWORD);
        assertFalse("each sign-in its own session", first.cookie().equals(second.cookie()));

        String newPassword = "session-password-2";
        HttpResponse<String> changed = send("PATCH", "users/" + cy, first.cookie(), first.csrf(),
                "{\"password\":\"" + newPassword + "\",\"current_password\":\"" + PASSWORD + "\"}");
        assertEquals(changed.body(), 200, changed.statusCode());
        assertEquals(401, send("GET", "projects", first.cookie(), null, null).statusCode());
        assertEquals(401, send("GET", "projects", second.cookie(), null, null).statusCode());

        Browser third = signIn("cy", newPassword);
        assertEquals(200, send("GET", "projects", third.cookie(), null, null).statusCode());
        assertEquals(200, admin.patch("users/" + cy, "{\"active\":false}").status());
        HttpResponse<String> inactive = send("GET", "projects", third.cookie(), null, null);
        assertEquals(401, inactive.statusCode());
        assertEquals(200, admin.patch("users/" + cy, "{\"active\":true}").status());
        assertNull("deactivation ended it for good", Api.JSON.readTree(send("GET", "session", third.cookie(), null,
                null).body()).get("user"));
    }
}
