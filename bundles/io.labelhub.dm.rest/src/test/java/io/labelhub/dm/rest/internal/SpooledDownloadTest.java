package io.labelhub.dm.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.labelhub.dm.api.DmException;

class SpooledDownloadTest {

    private static List<Path> spoolFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "labelhub-download-*.tmp")) {
            files.forEach(found::add);
        }
        return found;
    }

    @Test
    void theWholeBodyIsWrittenBeforeItIsSentWithItsLengthAndTheFileGoesAfterwards() throws Exception {
        List<Path> before = spoolFiles();
        byte[] content = "id,text\n1,héllo\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        SpooledDownload.Spooled download = SpooledDownload.of(out -> out.write(content));

        assertEquals(content.length, download.length());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        download.body().write(sent);
        assertArrayEquals(content, sent.toByteArray());
        assertEquals(before, spoolFiles());
    }

    @Test
    void aFailureWhileWritingIsThrownBeforeAnythingIsSentAndLeavesNoFile() throws Exception {
        List<Path> before = spoolFiles();
        IllegalStateException busy = new IllegalStateException("cannot read the tasks of project 2");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> SpooledDownload.of(out -> {
            out.write(new byte[100_000]);
            throw busy;
        }));

        assertSame(busy, thrown);
        assertEquals(before, spoolFiles());
    }

    @Test
    void aDiskThatCannotTakeTheDownloadIsA507() throws Exception {
        List<Path> before = spoolFiles();

        DmException thrown = assertThrows(DmException.class, () -> SpooledDownload.of(out -> {
            throw new IOException("No space left on device");
        }));

        assertEquals(507, thrown.kind().status());
        assertEquals(before, spoolFiles());
    }
}
