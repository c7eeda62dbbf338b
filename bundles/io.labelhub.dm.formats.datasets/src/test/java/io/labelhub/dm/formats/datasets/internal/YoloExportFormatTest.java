package io.labelhub.dm.formats.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.DmException;

class YoloExportFormatTest {

    @Test
    void writesTheChosenCompletionsRegionsInFractionsOfTheImage() throws IOException {
        Map<String, String> zip = Fixtures.unzip(Fixtures.write(new YoloExportFormat(), Fixtures.IMAGES,
                StreetScenes.ALL));
        assertEquals(List.of("labels/street 1.txt", "labels/street 1-2.txt", "labels/empty.txt", "classes.txt",
                "skipped.txt"), List.copyOf(zip.keySet()));
        assertEquals(String.join("\n",
                // Car x 10 y 20 w 25 h 50 (%): centre (10 + 25/2, 20 + 50/2) = (22.5, 45) %
                "0 0.225 0.45 0.25 0.5",
                // Road: the triangle's points (0, 50) (50, 100) (100, 50) %, a segmentation line
                "2 0 0.5 0.5 1 1 0.5",
                // Dog x 50 y 10 w 10 h 20 (%) = 400, 60, 80 × 120 px, turned 90° clockwise around (400, 60):
                // corners (400, 60) (400, 140) (280, 140) (280, 60), upright box 280..400 × 60..140 px,
                // centre (340/800, 100/600), size (120/800, 80/600)
                "1 0.425 0.166667 0.15 0.133333",
                // Car x 90 y 90 w 20 h 20 (%), cut to the image: 90..100 × 90..100 %
                "0 0.95 0.95 0.1 0.1",
                // Bus: not in the config, so the next class after Car, Dog, Road
                "3 0.05 0.05 0.1 0.1") + "\n", zip.get("labels/street 1.txt"));
        assertEquals("1 0.25 0.25 0.5 0.5\n", zip.get("labels/street 1-2.txt"), "no size needed for an upright box");
        assertEquals("", zip.get("labels/empty.txt"), "labeled, nothing on it");
        assertEquals("Car\nDog\nRoad\nBus\n", zip.get("classes.txt"));
        assertEquals("task 2: a rotated box of 'Car' needs the image's size (original_width, original_height) to "
                + "be made upright\n", zip.get("skipped.txt"));
    }

    @Test
    void aRotatedBoxWithTheImagesSizeIsTheUprightBoxAroundIt() {
        // 30° on a 1000 × 500 image: a box of 200 × 100 px at (100, 100) px has the corners (100, 100),
        // (100 + 200 cos 30°, 100 + 200 sin 30°) = (273.205, 200), (273.205 - 100 sin 30°, 200 + 100 cos 30°)
        // = (223.205, 286.603) and (100 - 50, 100 + 86.603) = (50, 186.603): upright 50..273.205 × 100..286.603
        Region box = Region.box("Car", 10, 20, 20, 20, 30, new Region.Size(1000, 500));
        Skips skips = new Skips();
        String line = YoloExportFormat.lines(5, List.of(box), new Classes(List.of("Car")), skips);
        assertEquals("0 " + fraction((50 + 273.205081) / 2 / 1000) + " " + fraction((100 + 286.602540) / 2 / 500)
                + " " + fraction(223.205081 / 1000) + " " + fraction(186.602540 / 500) + "\n", line);
        assertEquals("0 0.161603 0.386603 0.223205 0.373205\n", line);
        assertTrue(skips.isEmpty());
    }

    private static String fraction(double value) {
        return Decimals.text(value, 6);
    }

    @Test
    void aProjectWithoutImageRegionsIsRefused() {
        DmException refused = assertThrows(DmException.class,
                () -> Fixtures.write(new YoloExportFormat(), Fixtures.NER));
        assertEquals(DmException.Kind.UNPROCESSABLE, refused.kind());
        assertTrue(String.valueOf(refused.detail()).startsWith("YOLO writes labeled boxes and polygons on an image"),
                String.valueOf(refused.detail()));
    }
}
