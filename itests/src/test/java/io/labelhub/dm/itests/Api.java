package io.labelhub.dm.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client of the REST API as a script would use it: real HTTP, JSON in and out. */
final class Api {

    /** What came back: the status, the JSON body (or null), the Location and Retry-After headers. */
    record Reply(int status, JsonNode body, Optional<String> location, Optional<String> retryAfter, String raw) {
        JsonNode json(String field) {
            return body.get(field);
        }

        long id() {
            return body.get("id").asLong();
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    private Api(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    static Api at(int port) {
        return new Api("http://127.0.0.1:" + port + "/api/", null);
    }

    Api basic(String email, String password) {
        String pair = email + ":" + password;
        return new Api(base, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    Api token(String token) {
        return new Api(base, "Token " + token);
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Reply put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Reply patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text(body))));
    }

    /** A POST with a body sent as is and the content type given, to try what a careless client sends. */
    Reply postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST of a file's bytes as JSON, for bodies too large to hold, with a longer timeout than the others. */
    Reply postFile(String path, java.nio.file.Path file, Duration timeout) {
        try {
            return send(request(path).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data upload of files, as a browser's file input sends it. */
    Reply upload(String path, java.util.Map<String, byte[]> files) {
        String boundary = "----labelhub" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try {
            for (java.util.Map.Entry<String, byte[]> file : files.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(file.getValue());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A GET whose answer is not JSON (an export, a sample file). */
    String text(String path) {
        try {
            HttpResponse<String> response = client.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET of a download as its bytes (an archive), with the file name its Content-Disposition gives. */
    record Download(String fileName, String contentType, byte[] bytes) {
    }

    Download download(String path) {
        try {
            HttpResponse<byte[]> response = client.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            String disposition = response.headers().firstValue("Content-Disposition").orElse("");
            String fileName = disposition.replaceFirst("^.*filename=\"([^\"]*)\".*$", "$1");
            return new Download(fileName, response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : parse(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Location"),
                    response.headers().firstValue("Retry-After"),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the answer is not JSON: " + body, e);
        }
    }

    /** The status of the health endpoint, or -1 while nothing listens. */
    int healthStatus() {
        try {
            return client.send(request("health").GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The fields naming a user of this server as a completion's author in an imported file: the id, and the server
     * whose id it is (an import trusts a bare id only then).
     */
    static String author(long userId, String server) {
        return "\"completed_by\":" + userId + ",\"labelhub_server\":\"" + server + "\"";
    }

    /** This server's identity, as {@code GET /api/health} names it. */
    String serverId() {
        return get("health").json("server_id").asText();
    }

    static String labelConfig() {
        return "<View><Text name=\"text\" value=\"$text\"/>"
                + "<Choices name=\"label\" toName=\"text\"><Choice value=\"Cat\"/><Choice value=\"Dog\"/></Choices>"
                + "</View>";
    }

    static String choice(String value) {
        return "{\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\""
                + value + "\"]}}";
    }
}
