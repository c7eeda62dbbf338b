package io.labelhub.dm.formats.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.io.ImportFormat;

@Component(service = ImportFormat.class, property = ImportFormat.FORMAT_PROPERTY + "=csv")
public class CsvImportFormat extends DelimitedImportFormat {

    public CsvImportFormat() {
        super(',');
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("csv");
    }
}
