package io.labelhub.dm.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** The console's scripts and styles, served from this bundle under {@code /static/}: nothing comes from a CDN. */
@Component(service = ConsoleAssets.class)
@HttpWhiteboardResource(pattern = "/static/*", prefix = "/web/static")
public class ConsoleAssets {
}
