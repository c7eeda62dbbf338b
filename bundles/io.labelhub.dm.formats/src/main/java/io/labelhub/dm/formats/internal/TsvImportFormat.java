package io.labelhub.dm.formats.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.io.ImportFormat;

@Component(service = ImportFormat.class, property = ImportFormat.FORMAT_PROPERTY + "=tsv")
public class TsvImportFormat extends DelimitedImportFormat {

    public TsvImportFormat() {
        super('\t');
    }

    @Override
    public String name() {
        return "tsv";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("tsv");
    }
}
