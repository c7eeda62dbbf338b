package io.labelhub.dm.formats.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.io.input.BOMInputStream;
import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.NewTask;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.ImportSink;
import io.labelhub.dm.api.io.SampleFile;

/** Plain text: each non-empty line is a task whose text key (the config's) holds the line. */
@Component(property = ImportFormat.FORMAT_PROPERTY + "=txt")
public class TxtImportFormat implements ImportFormat {

    @Override
    public Set<String> extensions() {
        return Set.of("txt");
    }

    @Override
    public void read(InputStream in, ImportContext context, ImportSink sink) throws IOException {
        String key = context.textKey();
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                BOMInputStream.builder().setInputStream(new NonClosingInputStream(in)).get(),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)));
        long line = 0;
        try {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (!text.isBlank()) {
                    sink.task(line, new NewTask(Map.of(key, text), null, List.of(), List.of()));
                }
            }
        } catch (CharacterCodingException e) {
            // the decoder reads ahead, so the line is where it noticed, not always where the bad byte is
            throw new ImportException("the file is not UTF-8 text (noticed after line " + line + ")");
        }
    }

    @Override
    public Optional<SampleFile> sample(ImportContext context, Map<String, Object> sample) {
        return Samples.txt(context, sample);
    }
}
