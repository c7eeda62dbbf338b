package io.labelhub.dm.formats.rar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.io.ImportException;

/** The RAR reader against the real RAR fixtures in src/test/resources/rar (made by the RAR archiver; origin in its README). */
class RarArchiveFormatTest {

    private final RarArchiveFormat rar = new RarArchiveFormat();

    private static Path fixture(String name) {
        return Path.of(System.getProperty("labelhub.fixtures", "src/test/resources"), "rar", name);
    }

    private Map<String, String> read(String name) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(fixture(name))) {
            rar.entries(in, (entry, content) -> entries.put(entry,
                    new String(content.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return entries;
    }

    private String refusal(String name) {
        ImportException e = assertThrows(ImportException.class, () -> read(name));
        return e.reason();
    }

    @Test
    void readsRar4AndRar5() throws IOException {
        // the fixtures were made on Windows: CRLF inside
        assertEquals(Map.of("FILE1.TXT", "file1\r\n", "FILE2.TXT", "file2\r\n"), read("rar4.rar"));
        assertEquals(Map.of("FILE1.TXT", "file1\r\n", "FILE2.TXT", "file2\r\n"), read("rar5.rar"));
    }

    @Test
    void readsSolidArchives() throws IOException {
        Map<String, String> entries = read("solid-rar4-solid.rar");
        assertEquals(9, entries.size());
        for (int i = 1; i <= 9; i++) {
            assertEquals("file" + i + "\n", entries.get("file" + i + ".txt"));
        }
    }

    @Test
    void refusesEncryptedArchives() {
        assertTrue(refusal("password-rar4-password-junrar.rar").contains("encrypted"));
        assertTrue(refusal("password-rar5-password-junrar.rar").contains("encrypted"));
    }

    @Test
    void refusesCorruptAndAncientArchives() {
        assertTrue(refusal("abnormal-corrupt-header.rar").startsWith("not a readable RAR archive"));
        String ancient = refusal("rar14-empty.rar");
        assertTrue(ancient.contains("RAR"), ancient);
    }

    @Test
    void entryNamesAreOnlyNamesAndNothingIsWritten() throws IOException {
        Map<String, String> parent = read("parent-dir.rar");
        assertEquals(1, parent.size());
        assertTrue(parent.keySet().iterator().next().contains("../"), parent.toString());
        assertEquals(1, read("sibling-prefix-traversal.rar").size());
        assertTrue(Files.notExists(Path.of("/tmp/extract_evil/pwned.txt")));
    }

    @Test
    void anEntryWithABrokenHeaderIsRefusedAndNothingIsWritten() {
        assertTrue(refusal("mkdir-escape.rar").contains("cannot be unpacked"));
        assertTrue(Files.notExists(Path.of("/tmp/extract/payload.txt")));
        assertTrue(Files.notExists(Path.of("/tmp/extract_evil")));
    }

    @Test
    void linksAreNeverFollowed() throws IOException {
        Map<String, String> entries = read("links-rar5-links-hostile.rar");
        assertTrue(entries.keySet().stream().noneMatch(n -> n.equals("h-up") || n.equals("h-abs")
                || n.equals("dlnk")), entries.keySet().toString());
        assertTrue(entries.containsKey("dqqq/evil.txt"), entries.keySet().toString());
    }

    @Test
    void aHugeDictionaryClaimIsRefusedInBoundedMemory() {
        long before = usedHeap();
        ImportException e = assertThrows(ImportException.class, () -> read("rar5unpack-m3-1gb-claim.rar"));
        assertEquals(DmException.Kind.UNPROCESSABLE, e.kind());
        assertTrue(e.reason().contains("tiny.bin cannot be unpacked"), e.reason());
        assertTrue(usedHeap() - before < 256L * 1024 * 1024, "no gigabyte window was allocated");
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
