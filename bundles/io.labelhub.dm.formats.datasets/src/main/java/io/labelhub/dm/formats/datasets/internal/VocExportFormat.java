package io.labelhub.dm.formats.datasets.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;

/**
 * Pascal VOC as a ZIP of {@code Annotations/<image name>.xml}, one per task, each object a {@code bndbox} in whole
 * pixels (rounded). VOC has boxes only: a polygon or a rotated box is written as the upright box around it. Pixels
 * need the image's size, which Label Studio's editor stores in each result; a task without it is listed in
 * {@code skipped.txt} instead. The image's {@code depth} is not known without the image and is written as 3.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=VOC")
public class VocExportFormat implements ExportFormat {

    /** The JDK's own writer, not whichever StAX provider a bundle of the container offers. */
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

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
        return "Pascal VOC: a ZIP of one XML per image, boxes in pixels (image projects; one completion per task)";
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        ImageTarget target = ImageTarget.of(context.config(), "VOC");
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
                List<Region> regions = target.regions(chosen.get());
                Region.Size size = ImageTarget.size(regions);
                if (size == null) {
                    skips.add(task.id(), Skips.NO_SIZE);
                    continue;
                }
                String name = names.name(task.id(), url);
                OutputStream entry = zip.entry("Annotations/" + ImageNames.stem(name) + ".xml");
                try {
                    annotation(entry, name, url, size, boxes(task.id(), regions, size, skips));
                } catch (XMLStreamException e) {
                    throw new IOException("cannot write the VOC file of task " + task.id(), e);
                }
            }
            zip.skips(skips);
        }
        out.flush();
    }

    /** An object: its label and its box as xmin, ymin, xmax, ymax. */
    record Box(String label, long[] corners) {
    }

    static List<Box> boxes(long taskId, List<Region> regions, Region.Size size, Skips skips) {
        List<Box> boxes = new ArrayList<>();
        for (Region region : regions) {
            double[] bounds = Region.bounds(region.outline(size.width(), size.height()));
            long[] corners = new long[4];
            for (int i = 0; i < 4; i++) {
                corners[i] = Math.round(bounds[i]);
            }
            if (corners[2] <= corners[0] || corners[3] <= corners[1]) {
                skips.add(taskId, "a region of '" + region.label() + "' is less than a pixel inside the image");
                continue;
            }
            boxes.add(new Box(region.label(), corners));
        }
        return boxes;
    }

    private static void annotation(OutputStream out, String name, String url, Region.Size size, List<Box> boxes)
            throws XMLStreamException {
        XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("annotation");
        element(xml, 1, "folder", "images");
        element(xml, 1, "filename", name);
        element(xml, 1, "path", url);
        open(xml, 1, "source");
        element(xml, 2, "database", "LabelHub Data Manager");
        close(xml, 1);
        open(xml, 1, "size");
        element(xml, 2, "width", Decimals.text(size.width(), 0));
        element(xml, 2, "height", Decimals.text(size.height(), 0));
        element(xml, 2, "depth", "3");
        close(xml, 1);
        element(xml, 1, "segmented", "0");
        for (Box box : boxes) {
            open(xml, 1, "object");
            element(xml, 2, "name", box.label());
            element(xml, 2, "pose", "Unspecified");
            element(xml, 2, "truncated", "0");
            element(xml, 2, "difficult", "0");
            open(xml, 2, "bndbox");
            element(xml, 3, "xmin", String.valueOf(box.corners()[0]));
            element(xml, 3, "ymin", String.valueOf(box.corners()[1]));
            element(xml, 3, "xmax", String.valueOf(box.corners()[2]));
            element(xml, 3, "ymax", String.valueOf(box.corners()[3]));
            close(xml, 2);
            close(xml, 1);
        }
        close(xml, 0);
        xml.writeEndDocument();
        xml.flush();
    }

    private static void open(XMLStreamWriter xml, int depth, String name) throws XMLStreamException {
        indent(xml, depth);
        xml.writeStartElement(name);
    }

    private static void close(XMLStreamWriter xml, int depth) throws XMLStreamException {
        indent(xml, depth);
        xml.writeEndElement();
        if (depth == 0) {
            xml.writeCharacters("\n");
        }
    }

    private static void element(XMLStreamWriter xml, int depth, String name, String text) throws XMLStreamException {
        open(xml, depth, name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Without the characters XML 1.0 cannot hold at all (control characters in a label or a URL). */
    private static String xmlText(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
