package io.labelhub.dm.formats.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VocExportFormatTest {

    @Test
    void writesOneXmlPerImageWithBoxesInWholePixels() throws IOException {
        Map<String, String> zip = Fixtures.unzip(Fixtures.write(new VocExportFormat(), Fixtures.IMAGES,
                StreetScenes.ALL));
        assertEquals(List.of("Annotations/street 1.xml", "skipped.txt"), List.copyOf(zip.keySet()));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <annotation>
                  <folder>images</folder>
                  <filename>street 1.jpg</filename>
                  <path>https://example.com/photos/street%201.jpg?sig=abc</path>
                  <source>
                    <database>LabelHub Data Manager</database>
                  </source>
                  <size>
                    <width>800</width>
                    <height>600</height>
                    <depth>3</depth>
                  </size>
                  <segmented>0</segmented>
                """ + object("Car", 80, 120, 280, 420) // x 10 y 20 w 25 h 50 % of 800 × 600
                + object("Road", 0, 300, 800, 600) // the triangle (0, 300) (400, 600) (800, 300) px
                + object("Dog", 280, 60, 400, 140) // 80 × 120 px at (400, 60) turned 90° clockwise
                + object("Car", 720, 540, 800, 600) // 90..110 % cut to the image
                + object("Bus", 0, 0, 80, 60)
                + "</annotation>\n", zip.get("Annotations/street 1.xml"));
        String noSize = "left out: its results do not say the image's size (original_width, original_height), "
                + "which pixels need";
        assertEquals("task 2: " + noSize + "\ntask 4: " + noSize + "\n", zip.get("skipped.txt"));
    }

    private static String object(String name, int xmin, int ymin, int xmax, int ymax) {
        return """
                  <object>
                    <name>%s</name>
                    <pose>Unspecified</pose>
                    <truncated>0</truncated>
                    <difficult>0</difficult>
                    <bndbox>
                      <xmin>%d</xmin>
                      <ymin>%d</ymin>
                      <xmax>%d</xmax>
                      <ymax>%d</ymax>
                    </bndbox>
                  </object>
                """.formatted(name, xmin, ymin, xmax, ymax);
    }

    @Test
    void labelsAndUrlsAreEscaped() throws IOException {
        Map<String, String> zip = Fixtures.unzip(Fixtures.write(new VocExportFormat(), Fixtures.IMAGES,
                Fixtures.task(7, Map.of("image", "https://example.com/a.jpg?x=1&y=<2>"), Fixtures.completion(1,
                        false, List.of(Fixtures.box("Dog & <Cat>\u0001", 0, 0, 50, 50, 0, new int[] {10, 10}))))));
        String xml = zip.get("Annotations/a.xml");
        assertEquals(true, xml.contains("<path>https://example.com/a.jpg?x=1&amp;y=&lt;2&gt;</path>"), xml);
        assertEquals(true, xml.contains("<name>Dog &amp; &lt;Cat&gt;</name>"), xml);
    }
}
