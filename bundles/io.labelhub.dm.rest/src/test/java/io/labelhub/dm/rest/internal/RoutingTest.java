package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;

import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.jaxrs.JAXRSServiceImpl;
import org.apache.cxf.jaxrs.model.ClassResourceInfo;
import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.jaxrs.utils.ResourceUtils;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.service.Service;
import org.apache.cxf.service.model.BindingInfo;
import org.apache.cxf.service.model.EndpointInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the README's REST table, matched by CXF's own algorithm against every resource class of this
 * bundle. The JAX-RS spec chooses one root resource class by its {@code @Path} and does not try the next one when
 * that class has no fitting method, so each endpoint must be served by the first class chosen, not merely by some
 * class.
 */
class RoutingTest {

    private static List<ClassResourceInfo> roots;

    /** Every class of this package with a class-level {@code @Path}, so a new resource cannot be left out. */
    @BeforeAll
    static void readResources() throws IOException, URISyntaxException {
        Path folder = Path.of(DmApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(DmApplication.class.getPackageName().replace('.', '/'));
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(DmApplication.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length()));
                    if (type.isAnnotationPresent(javax.ws.rs.Path.class)) {
                        resources.add(type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        roots = resources.stream().map(type -> ResourceUtils.createClassResourceInfo(type, type, true, true))
                .toList();
    }

    private static OperationResourceInfo match(String method, String path, String contentType) {
        Message message = new MessageImpl();
        message.setExchange(new ExchangeImpl());
        message.getExchange().put(Endpoint.class, endpoint());
        message.getExchange().put(Service.class, new JAXRSServiceImpl(roots));
        message.put(Message.HTTP_REQUEST_METHOD, method);
        Map<ClassResourceInfo, MultivaluedMap<String, String>> candidates = JAXRSUtils.selectResourceClass(roots,
                path, message);
        if (candidates == null || candidates.isEmpty()) {
            throw new WebApplicationException(404);
        }
        // as the spec reads: only the best class (CXF, more lenient, would try the others too)
        Map.Entry<ClassResourceInfo, MultivaluedMap<String, String>> first = candidates.entrySet().iterator().next();
        Map<ClassResourceInfo, MultivaluedMap<String, String>> best = new HashMap<>();
        best.put(first.getKey(), first.getValue());
        return JAXRSUtils.findTargetMethod(best, message, method, new MultivaluedHashMap<>(), contentType,
                List.of(MediaType.WILDCARD_TYPE));
    }

    /**
     * An endpoint that is only the map CXF looks its settings up in (none are set, so CXF's defaults hold) and the
     * address it names when it logs a request that nothing matched.
     */
    private static Endpoint endpoint() {
        Map<Object, Object> settings = new HashMap<>();
        EndpointInfo info = new EndpointInfo();
        info.setBinding(new BindingInfo(null, "http://apache.org/cxf/binding/jaxrs"));
        info.setAddress("/api");
        return (Endpoint) Proxy.newProxyInstance(Endpoint.class.getClassLoader(), new Class<?>[] {Endpoint.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getEndpointInfo")) {
                        return info;
                    }
                    try {
                        return Map.class.getMethod(method.getName(), method.getParameterTypes()).invoke(settings,
                                args);
                    } catch (NoSuchMethodException e) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /health, HealthResource, health",
        "GET, /current-user, CurrentUserResource, get",
        "POST, /current-user/token, CurrentUserResource, rotateToken",
        "POST, /session, SessionResource, signIn",
        "GET, /session, SessionResource, get",
        "DELETE, /session, SessionResource, signOut",
        "GET, /users, UserResource, list",
        "GET, /users/7, UserResource, get",
        "POST, /users, UserResource, create",
        "POST, /projects, ProjectResource, create",
        "GET, /projects, ProjectResource, list",
        "GET, /projects/1, ProjectResource, get",
        "PATCH, /projects/1, ProjectResource, update",
        "DELETE, /projects/1, ProjectResource, delete",
        "GET, /projects/1/sample-task, ProjectResource, sampleTask",
        "POST, /projects/1/sample-task, ProjectResource, addSampleTask",
        "POST, /projects/1/tasks, ProjectTaskResource, create",
        "GET, /projects/1/tasks, ProjectTaskResource, table",
        "POST, /projects/1/tasks/query, ProjectTaskResource, query",
        "GET, /projects/1/tasks/found, ProjectTaskResource, found",
        "GET, /projects/1/views, ViewResource, list",
        "POST, /projects/1/views, ViewResource, create",
        "GET, /projects/1/views/2, ViewResource, get",
        "PUT, /projects/1/views/2, ViewResource, replace",
        "DELETE, /projects/1/views/2, ViewResource, delete",
        "GET, /projects/1/actions, ActionResource, list",
        "POST, /projects/1/actions/delete_tasks, ActionResource, act",
        "GET, /projects/1/stats, StatsResource, stats",
        "GET, /tasks/1, TaskResource, get",
        "PATCH, /tasks/1, TaskResource, update",
        "DELETE, /tasks/1, TaskResource, delete",
        "POST, /tasks/1/completions, TaskResource, addCompletion",
        "GET, /completions/1, CompletionResource, get",
        "PATCH, /completions/1, CompletionResource, update",
        "DELETE, /completions/1, CompletionResource, delete",
        "POST, /tasks/1/predictions, TaskResource, addPrediction",
        "GET, /predictions/1, PredictionResource, get",
        "PATCH, /users/7, UserResource, update",
        "GET, /sampling-strategies, SamplingStrategyResource, strategies",
        "GET, /projects/1/next, NextTaskResource, next",
        "GET, /projects/1/verify/next, VerifyResource, next",
        "POST, /completions/1/reviews, ReviewResource, review",
        "GET, /completions/1/reviews, ReviewResource, list",
        "POST, /tasks/1/lock, TaskResource, lock",
        "POST, /tasks/1/skip, TaskResource, skip",
        "GET, /projects/1/members, MemberResource, list",
        "POST, /projects/1/members, MemberResource, put",
        "DELETE, /projects/1/members/7, MemberResource, remove",
        "DELETE, /predictions/1, PredictionResource, delete",
        "POST, /projects/1/import, ImportResource, importJson",
        "GET, /import-formats, ImportFormatsResource, formats",
        "GET, /export-formats, ExportFormatsResource, formats",
        "GET, /projects/1/export, ExportResource, export",
        "GET, /projects/1/sample-files, SampleFileResource, formats",
        "GET, /projects/1/sample-files/csv, SampleFileResource, file",
        "POST, /completions/1/ground-truth, CompletionGroundTruthResource, mark",
        "DELETE, /completions/1/ground-truth, CompletionGroundTruthResource, unmark",
        "POST, /projects/1/ground-truth/sample, GroundTruthResource, sample",
        "POST, /projects/1/ground-truth/reset, GroundTruthResource, reset",
        "GET, /projects/1/annotators, AnnotatorsResource, annotators",
    })
    void everyEndpointOfTheReadmeIsServedByTheClassChosenForIt(String method, String path, String resource,
                                                                 String javaMethod) {
        OperationResourceInfo found = match(method, path, MediaType.APPLICATION_JSON);
        assertEquals(resource, found.getClassResourceInfo().getServiceClass().getSimpleName(), path);
        assertEquals(javaMethod, found.getMethodToInvoke().getName(), path);
    }

    @Test
    void uploadsGoToTheMultipartImport() {
        assertEquals("importFiles", match("POST", "/projects/1/import", "multipart/form-data; boundary=x")
                .getMethodToInvoke().getName());
    }

    @Test
    void whatNoResourceServesIsRefusedAsJaxRsWould() {
        assertEquals(404, refused("GET", "/projects/1/nothing-here"));
        assertEquals(404, refused("GET", "/nothing-here"));
        assertEquals(405, refused("GET", "/projects/1/import"));
        assertEquals(405, refused("DELETE", "/projects/1/tasks"));
        assertEquals(415, refused("POST", "/projects", "text/plain"));
    }

    private static int refused(String method, String path) {
        return refused(method, path, MediaType.APPLICATION_JSON);
    }

    private static int refused(String method, String path, String contentType) {
        return assertThrows(WebApplicationException.class, () -> match(method, path, contentType)).getResponse()
                .getStatus();
    }

    /** The 405's Allow header names what the path answers (CXF's names every method of every resource). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/projects/1/tasks, GET HEAD OPTIONS POST",
        "/projects/1/import, OPTIONS POST",
        "/current-user, GET HEAD OPTIONS",
        "/projects/1, DELETE GET HEAD OPTIONS PATCH",
        "/projects/1/members/7, DELETE OPTIONS",
    })
    void aRefusedMethodIsAnsweredWithTheMethodsOfItsPath(String path, String methods) {
        Message message = new MessageImpl();
        message.setExchange(new ExchangeImpl());
        message.getExchange().put(Endpoint.class, endpoint());
        message.getExchange().put(Service.class, new JAXRSServiceImpl(roots));
        message.put(Message.HTTP_REQUEST_METHOD, "PUT");
        message.put(Message.ENDPOINT_ADDRESS, "/api");
        message.put(Message.REQUEST_URI, "/api" + path);
        assertEquals(List.of(methods.split(" ")), List.copyOf(AllowedMethods.at(message)));
    }

    @Test
    void aMemberNamedInTheBodyIsRemovedByTheDeleteWithABody() {
        assertEquals("removeNamed", match("DELETE", "/projects/1/members", MediaType.APPLICATION_JSON)
                .getMethodToInvoke().getName());
    }

    /**
     * The README's table of who may call what (which RolesIT walks over HTTP) has a row for every endpoint the
     * resources serve, and none for one they do not: a new endpoint cannot be added without deciding its roles.
     */
    @Test
    void theRoleTableOfTheReadmeListsEveryEndpointAndNothingElse() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String table = readme.substring(readme.indexOf("<!-- roles:begin -->"), readme.indexOf("<!-- roles:end -->"));
        Set<String> documented = new TreeSet<>();
        for (String line : table.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && cells[1].trim().matches("[A-Z]+")) {
                documented.add(cells[1].trim() + " " + cells[2].trim().replaceAll("\\{[^}]+}", "{}"));
            }
        }
        Set<String> served = new TreeSet<>();
        for (ClassResourceInfo root : roots) {
            for (OperationResourceInfo operation : root.getMethodDispatcher().getOperationResourceInfos()) {
                String path = ("/" + root.getPath().value() + "/" + (operation.getURITemplate() == null ? ""
                        : operation.getURITemplate().getValue())).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                served.add(operation.getHttpMethod() + " " + path.replaceAll("\\{[^}]+}", "{}"));
            }
        }
        assertEquals(served, documented);
    }

    @Test
    void rootsAreDistinctAndNoneIsEmpty() {
        List<String> paths = roots.stream().map(r -> r.getPath().value()).toList();
        assertFalse(paths.isEmpty());
        assertEquals(paths.size(), paths.stream().distinct().count(), paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.isEmpty() || p.equals("/")), paths.toString());
    }
}
