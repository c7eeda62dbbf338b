package io.labelhub.dm.formats.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.io.ImportFormat;
import io.labelhub.dm.api.io.SampleFile;

@Component(service = ImportFormat.class, property = ImportFormat.FORMAT_PROPERTY + "=csv")
public class CsvImportFormat extends DelimitedImportFormat {

    public CsvImportFormat() {
        super(',');
    }

    @Override
    public Set<String> extensions() {
        return Set.of("csv");
    }

    @Override
    public Optional<SampleFile> sample(ImportContext context, Map<String, Object> sample) {
        return Optional.of(Samples.delimited(sample, ',', "csv", "text/csv"));
    }
}
