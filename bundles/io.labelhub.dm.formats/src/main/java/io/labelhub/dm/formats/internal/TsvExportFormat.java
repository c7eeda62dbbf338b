package io.labelhub.dm.formats.internal;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.io.ExportFormat;

@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=TSV")
public class TsvExportFormat extends DelimitedExportFormat {

    public TsvExportFormat() {
        super('\t');
    }

    @Override
    public String mediaType() {
        return "text/tab-separated-values";
    }

    @Override
    public String extension() {
        return "tsv";
    }

    @Override
    public String description() {
        return "like CSV, separated by tabs";
    }
}
