package io.labelhub.dm.formats.datasets.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/**
 * YOLO (Darknet, Ultralytics) as a ZIP: {@code classes.txt} (one label per line, the line's index its class) and
 * {@code labels/<image name>.txt} per task, one line per region in fractions of the image from 0 to 1: a box is
 * {@code class x_center y_center width height}, a polygon is a segmentation line {@code class x1 y1 x2 y2 …}, as
 * Label Studio writes them. Ultralytics reads segmentation lines as their boxes when it trains a detector. Fractions
 * need no image size, except for a rotated box, which is written as the upright box around it.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=YOLO")
public class YoloExportFormat implements ExportFormat {

    private static final int PLACES = 6;

    @Override
    public String mediaType() {
        return "application/zip";
    }

    @Override
    public String extension() {
        return "zip";
    }

    @Override
    public String description() {
        return "YOLO: a ZIP of classes.txt and one label file per image, boxes and polygons from 0 to 1 "
                + "(image projects; one completion per task)";
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        ImageTarget target = ImageTarget.of(context.config(), "YOLO");
        Classes classes = new Classes(target.labels());
        ImageNames names = new ImageNames();
        Skips skips = new Skips();
        try (Zip zip = new Zip(out)) {
            while (tasks.hasNext()) {
                Task task = tasks.next();
                Optional<Completion> chosen = Chosen.completion(task);
                if (chosen.isEmpty()) {
                    continue;
                }
                if (!(task.data().get(target.dataKey()) instanceof String url)) {
                    skips.add(task.id(), "data." + target.dataKey() + " is not an image URL");
                    continue;
                }
                String lines = lines(task.id(), target.regions(chosen.get()), classes, skips);
                // a labeled image without regions gets an empty file: YOLO's word for "nothing here"
                zip.text("labels/" + ImageNames.stem(names.name(task.id(), url)) + ".txt", lines);
            }
            zip.text("classes.txt", String.join("\n", classes.names()) + (classes.names().isEmpty() ? "" : "\n"));
            zip.skips(skips);
        }
        out.flush();
    }

    static String lines(long taskId, List<Region> regions, Classes classes, Skips skips) {
        Region.Size size = ImageTarget.size(regions);
        StringBuilder lines = new StringBuilder();
        for (Region region : regions) {
            double[] outline;
            if (region.isRotated()) {
                if (size == null) {
                    skips.add(taskId, "a rotated box of '" + region.label()
                            + "' needs the image's size (original_width, original_height) to be made upright");
                    continue;
                }
                outline = region.outline(size.width(), size.height());
                for (int i = 0; i < outline.length; i += 2) {
                    outline[i] /= size.width();
                    outline[i + 1] /= size.height();
                }
            } else {
                outline = region.outline(1, 1);
            }
            if (Region.area(outline) <= 0) {
                skips.add(taskId, "a region of '" + region.label() + "' has no area inside the image");
                continue;
            }
            lines.append(classes.id(region.label()));
            if (region.isBox()) {
                double[] bounds = Region.bounds(outline);
                append(lines, (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, bounds[2] - bounds[0],
                        bounds[3] - bounds[1]);
            } else {
                append(lines, outline);
            }
            lines.append('\n');
        }
        return lines.toString();
    }

    private static void append(StringBuilder line, double... values) {
        for (double value : values) {
            line.append(' ').append(Decimals.text(value, PLACES));
        }
    }
}
