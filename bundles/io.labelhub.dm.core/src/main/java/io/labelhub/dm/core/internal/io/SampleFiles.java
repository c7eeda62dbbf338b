package io.labelhub.dm.core.internal.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.io.ImportContext;
import io.labelhub.dm.api.labelconfig.LabelConfig;

/** Sample files for the "Add more data" dialog, in each import format, from the config's sample data. */
final class SampleFiles {

    static final List<String> FORMATS = List.of("json", "csv", "tsv", "txt");

    private SampleFiles() {
    }

    static String of(LabelConfig config, Map<String, Object> sample, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> "[\n  {\"data\": " + json(sample) + "}\n]\n";
            case "csv" -> delimited(sample, ",");
            case "tsv" -> delimited(sample, "\t");
            case "txt" -> txt(config, sample);
            default -> throw new ValidationException("unknown sample format",
                    "sample files come as " + String.join(", ", FORMATS) + ", not '" + format + "'");
        };
    }

    private static String txt(LabelConfig config, Map<String, Object> sample) {
        if (sample.size() != 1) {
            throw new ValidationException("no TXT sample", "a TXT file fills one data key; this labeling config reads "
                    + sample.size() + " (" + String.join(", ", sample.keySet()) + ")");
        }
        String key = new ImportContext("sample.txt", config).textKey();
        return String.valueOf(sample.get(key)) + "\n" + String.valueOf(sample.get(key)).toUpperCase(Locale.ROOT)
                + "\n";
    }

    private static String delimited(Map<String, Object> sample, String delimiter) {
        List<String> header = new ArrayList<>();
        List<String> row = new ArrayList<>();
        sample.forEach((key, value) -> {
            header.add(quote(key, delimiter));
            row.add(quote(value instanceof String s ? s : json(value), delimiter));
        });
        return String.join(delimiter, header) + "\r\n" + String.join(delimiter, row) + "\r\n";
    }

    private static String quote(String cell, String delimiter) {
        if (cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    /** Minimal JSON writing for sample values (strings, numbers, lists and maps of them). */
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((k, v) -> fields.add(json(String.valueOf(k)) + ": " + json(v)));
            return "{" + String.join(", ", fields) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(SampleFiles::json).toList()) + "]";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
