package io.labelhub.dm.formats.datasets.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/**
 * COCO object detection and segmentation: one JSON document with {@code images} (one per task, its id the task's),
 * {@code annotations} (one per box or polygon: {@code bbox} [x, y, width, height] and {@code area} in pixels,
 * {@code segmentation} the polygon's points, empty for an upright box) and {@code categories} (the classes, from
 * 0). Pixels need the image's size, which Label Studio's editor stores in each result; a task without it is listed
 * under {@code skipped} instead.
 *
 * <p>Images and annotations interleave in the tasks but not in the file, so the annotations go to a temporary file
 * while the images are written, and are copied after them: memory stays flat however many tasks there are.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=COCO")
public class CocoExportFormat implements ExportFormat {

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final int PLACES = 2;

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String description() {
        return "COCO: images, boxes and polygons in pixels, categories (image projects; one completion per task)";
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        ImageTarget target = ImageTarget.of(context.config(), "COCO");
        Classes classes = new Classes(target.labels());
        Skips skips = new Skips();
        Path spool = Files.createTempFile("labelhub-coco-", ".json");
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            info(json, context);
            json.writeArrayFieldStart("images");
            try (OutputStream spooled = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
                 JsonGenerator annotations = JSON.createGenerator(spooled, JsonEncoding.UTF8)) {
                annotations.writeStartArray();
                ImageNames names = new ImageNames();
                long[] nextId = {1};
                while (tasks.hasNext()) {
                    write(tasks.next(), target, names, classes, skips, json, annotations, nextId);
                }
                annotations.writeEndArray();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("annotations");
            try (InputStream in = Files.newInputStream(spool); JsonParser spooled = JSON.createParser(in)) {
                spooled.nextToken();
                while (spooled.nextToken() == JsonToken.START_OBJECT) {
                    json.copyCurrentStructure(spooled);
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("categories");
            List<String> names = classes.names();
            for (int id = 0; id < names.size(); id++) {
                json.writeStartObject();
                json.writeNumberField("id", id);
                json.writeStringField("name", names.get(id));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("skipped");
            for (String line : skips.lines()) {
                json.writeString(line);
            }
            json.writeEndArray();
            json.writeEndObject();
        } finally {
            Files.deleteIfExists(spool);
        }
        out.flush();
    }

    private static void info(JsonGenerator json, ExportContext context) throws IOException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        json.writeObjectFieldStart("info");
        json.writeStringField("description", context.project().title());
        json.writeStringField("contributor", "LabelHub Data Manager");
        json.writeStringField("version", "1.0");
        json.writeNumberField("year", now.getYear());
        json.writeStringField("date_created", now.toString());
        json.writeEndObject();
    }

    private static void write(Task task, ImageTarget target, ImageNames names, Classes classes, Skips skips,
                              JsonGenerator images, JsonGenerator annotations, long[] nextId) throws IOException {
        Optional<Completion> chosen = Chosen.completion(task);
        if (chosen.isEmpty()) {
            return;
        }
        if (!(task.data().get(target.dataKey()) instanceof String url)) {
            skips.add(task.id(), "data." + target.dataKey() + " is not an image URL");
            return;
        }
        List<Region> regions = target.regions(chosen.get());
        Region.Size size = ImageTarget.size(regions);
        if (size == null) {
            skips.add(task.id(), Skips.NO_SIZE);
            return;
        }
        images.writeStartObject();
        images.writeNumberField("id", task.id());
        images.writeStringField("file_name", names.name(task.id(), url));
        images.writeStringField("coco_url", url);
        images.writeNumberField("width", Decimals.round(size.width(), 0));
        images.writeNumberField("height", Decimals.round(size.height(), 0));
        images.writeEndObject();
        for (Region region : regions) {
            double[] outline = region.outline(size.width(), size.height());
            double[] bounds = Region.bounds(outline);
            double area = Region.area(outline);
            if (area <= 0) {
                skips.add(task.id(), "a region of '" + region.label() + "' has no area inside the image");
                continue;
            }
            annotations.writeStartObject();
            annotations.writeNumberField("id", nextId[0]++);
            annotations.writeNumberField("image_id", task.id());
            annotations.writeNumberField("category_id", classes.id(region.label()));
            annotations.writeArrayFieldStart("segmentation");
            if (!region.isBox() || region.isRotated()) {
                annotations.writeStartArray();
                for (double coordinate : outline) {
                    annotations.writeNumber(Decimals.round(coordinate, PLACES));
                }
                annotations.writeEndArray();
            }
            annotations.writeEndArray();
            annotations.writeArrayFieldStart("bbox");
            annotations.writeNumber(Decimals.round(bounds[0], PLACES));
            annotations.writeNumber(Decimals.round(bounds[1], PLACES));
            annotations.writeNumber(Decimals.round(bounds[2] - bounds[0], PLACES));
            annotations.writeNumber(Decimals.round(bounds[3] - bounds[1], PLACES));
            annotations.writeEndArray();
            annotations.writeNumberField("area", Decimals.round(area, PLACES));
            annotations.writeNumberField("iscrowd", 0);
            annotations.writeNumberField("ignore", 0);
            annotations.writeEndObject();
        }
    }
}
