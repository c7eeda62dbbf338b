package io.labelhub.dm.rest.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;

import org.apache.cxf.jaxrs.model.ClassResourceInfo;
import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.model.URITemplate;
import org.apache.cxf.jaxrs.utils.HttpUtils;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

/**
 * The methods the resource at a request's path answers, for the {@code Allow} header of a 405. CXF lists every
 * method of every resource of the application there; this asks its model which operations of the class chosen for
 * the path match the rest of it, as the JAX-RS matching does.
 */
final class AllowedMethods {

    private AllowedMethods() {
    }

    /** The methods, with HEAD where GET is and OPTIONS; empty when nothing answers at the path. */
    static Set<String> at(Message message) {
        Set<String> allowed = new TreeSet<>();
        if (message == null) {
            return allowed;
        }
        List<ClassResourceInfo> roots = JAXRSUtils.getRootResources(message);
        if (roots == null) {
            return allowed;
        }
        Map<ClassResourceInfo, MultivaluedMap<String, String>> chosen = JAXRSUtils.selectResourceClass(roots,
                HttpUtils.getPathToMatch(message, true), message);
        if (chosen == null || chosen.isEmpty()) {
            return allowed;
        }
        // only the best class, as the specification reads (see RoutingTest)
        Map.Entry<ClassResourceInfo, MultivaluedMap<String, String>> best = chosen.entrySet().iterator().next();
        String rest = best.getValue().getFirst(URITemplate.FINAL_MATCH_GROUP);
        for (OperationResourceInfo operation : best.getKey().getMethodDispatcher().getOperationResourceInfos()) {
            MultivaluedMap<String, String> values = new MultivaluedHashMap<>();
            if (operation.getHttpMethod() != null && !operation.isSubResourceLocator()
                    && operation.getURITemplate().match(rest == null ? "/" : rest, values)) {
                String left = values.getFirst(URITemplate.FINAL_MATCH_GROUP);
                if (left == null || left.isEmpty() || left.equals("/")) {
                    allowed.add(operation.getHttpMethod());
                }
            }
        }
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        if (!allowed.isEmpty()) {
            allowed.add(HttpMethod.OPTIONS);
        }
        return allowed;
    }
}
