package io.labelhub.dm.formats.internal;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.io.ExportFormat;

@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=CSV")
public class CsvExportFormat extends DelimitedExportFormat {

    public CsvExportFormat() {
        super(',');
    }

    @Override
    public String mediaType() {
        return "text/csv";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String description() {
        return "one row per task: data columns and one column per control";
    }
}
