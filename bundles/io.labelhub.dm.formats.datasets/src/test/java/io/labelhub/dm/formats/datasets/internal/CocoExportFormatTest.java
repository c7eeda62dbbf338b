package io.labelhub.dm.formats.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CocoExportFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesImagesAnnotationsInPixelsAndCategories() throws IOException {
        JsonNode coco = JSON.readTree(Fixtures.write(new CocoExportFormat(), Fixtures.IMAGES, StreetScenes.ALL));

        assertEquals("Street scenes", coco.get("info").get("description").asText());
        assertEquals(JSON.readTree("[{\"id\": 1, \"file_name\": \"street 1.jpg\", "
                + "\"coco_url\": \"https://example.com/photos/street%201.jpg?sig=abc\", "
                + "\"width\": 800, \"height\": 600}]"), coco.get("images"));

        JsonNode annotations = coco.get("annotations");
        assertEquals(5, annotations.size(), annotations.toString());
        // Car x 10 y 20 w 25 h 50 (%) of 800 × 600 px: 80, 120, 200 × 300 px
        assertEquals(JSON.readTree("{\"id\": 1, \"image_id\": 1, \"category_id\": 0, \"segmentation\": [], "
                + "\"bbox\": [80, 120, 200, 300], \"area\": 60000, \"iscrowd\": 0, \"ignore\": 0}"),
                annotations.get(0));
        // Road (0, 50) (50, 100) (100, 50) %: (0, 300) (400, 600) (800, 300) px; base 800, height 300
        assertEquals(JSON.readTree("{\"id\": 2, \"image_id\": 1, \"category_id\": 2, "
                + "\"segmentation\": [[0, 300, 400, 600, 800, 300]], \"bbox\": [0, 300, 800, 300], "
                + "\"area\": 120000, \"iscrowd\": 0, \"ignore\": 0}"), annotations.get(1));
        // Dog 400, 60, 80 × 120 px turned 90° clockwise around (400, 60): its corners are its segmentation
        assertEquals(JSON.readTree("{\"id\": 3, \"image_id\": 1, \"category_id\": 1, "
                + "\"segmentation\": [[400, 60, 400, 140, 280, 140, 280, 60]], \"bbox\": [280, 60, 120, 80], "
                + "\"area\": 9600, \"iscrowd\": 0, \"ignore\": 0}"), annotations.get(2));
        // Car 90..110 % cut to 90..100 %: 720..800 × 540..600 px
        assertEquals(JSON.readTree("[720, 540, 80, 60]"), annotations.get(3).get("bbox"));
        assertEquals(4800, annotations.get(3).get("area").asDouble());
        // Bus: 0, 0, 80 × 60 px, a category after the config's
        assertEquals(3, annotations.get(4).get("category_id").asInt());
        assertEquals(JSON.readTree("[0, 0, 80, 60]"), annotations.get(4).get("bbox"));

        assertEquals(JSON.readTree("[{\"id\": 0, \"name\": \"Car\"}, {\"id\": 1, \"name\": \"Dog\"}, "
                + "{\"id\": 2, \"name\": \"Road\"}, {\"id\": 3, \"name\": \"Bus\"}]"), coco.get("categories"));
        String noSize = "left out: its results do not say the image's size (original_width, original_height), "
                + "which pixels need";
        assertEquals(JSON.valueToTree(new String[] {"task 2: " + noSize, "task 4: " + noSize}), coco.get("skipped"));
    }

    @Test
    void decimalsOfPixelsAreRoundedToTwo() throws IOException {
        // 33.3333 % of 640 px = 213.33312 px
        JsonNode coco = JSON.readTree(Fixtures.write(new CocoExportFormat(), Fixtures.IMAGES, Fixtures.task(9,
                java.util.Map.of("image", "s3://bucket/a/b.png"), Fixtures.completion(1, false, java.util.List.of(
                        Fixtures.box("Dog", 33.3333, 0, 33.3333, 50, 0, new int[] {640, 480}))))));
        assertEquals("[213.33,0,213.33,240]", coco.get("annotations").get(0).get("bbox").toString());
        assertEquals("b.png", coco.get("images").get(0).get("file_name").asText());
    }
}
