package io.labelhub.dm.formats.datasets.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.Task;
import io.labelhub.dm.api.io.ExportContext;
import io.labelhub.dm.api.io.ExportFormat;
import io.labelhub.dm.api.labelconfig.ControlTag;
import io.labelhub.dm.api.labelconfig.LabelConfig;
import io.labelhub.dm.api.labelconfig.ObjectTag;

/**
 * CoNLL 2003 named entities: {@code -DOCSTART- -X- -X- O} and a blank line, then per task one line per token,
 * {@code token -X- _ tag} (the part-of-speech and chunk columns are not known, as in Label Studio's export), and a
 * blank line. Tags are BIO: {@code B-<label>} on an entity's first token, {@code I-<label>} on the rest, {@code O}
 * outside. The text is the first {@code <Text>} that a {@code <Labels>} labels; the spans are that text's in the
 * chosen completion. Spans cannot nest in CoNLL: where two overlap, the one that starts first (the longer, when
 * both start together) is kept. A label's spaces become {@code _}, so that the line keeps its four columns.
 */
@Component(service = ExportFormat.class, property = ExportFormat.FORMAT_PROPERTY + "=CONLL2003")
public class Conll2003ExportFormat implements ExportFormat {

    static final String DOCSTART = "-DOCSTART- -X- -X- O\n\n";

    @Override
    public String mediaType() {
        return "text/plain";
    }

    @Override
    public String extension() {
        return "conll";
    }

    @Override
    public String description() {
        return "CoNLL 2003: one token per line with its BIO tag (text projects with <Labels>; one completion per "
                + "task)";
    }

    /** A labeled span of the text: [start, end) in UTF-16 units. */
    record Span(int start, int end, String label) {
    }

    @Override
    public void write(ExportContext context, Iterator<Task> tasks, OutputStream out) throws IOException {
        TextTarget target = TextTarget.of(context.config());
        Writer writer = new BufferedWriter(new OutputStreamWriter(new NonClosingOutputStream(out),
                StandardCharsets.UTF_8));
        try (writer) {
            writer.write(DOCSTART);
            while (tasks.hasNext()) {
                Task task = tasks.next();
                Optional<Completion> chosen = Chosen.completion(task);
                if (chosen.isEmpty() || !(task.data().get(target.dataKey) instanceof String text)) {
                    continue;
                }
                List<String> lines = lines(text, target.spans(chosen.get(), text.length()));
                if (lines.isEmpty()) {
                    continue;
                }
                for (String line : lines) {
                    writer.write(line);
                    writer.write('\n');
                }
                writer.write('\n');
            }
        }
        out.flush();
    }

    /** The token lines of a text with these spans (sorted, not overlapping). */
    static List<String> lines(String text, List<Span> spans) {
        Set<Integer> cuts = new HashSet<>();
        spans.forEach(s -> {
            cuts.add(s.start());
            cuts.add(s.end());
        });
        List<String> lines = new ArrayList<>();
        int next = 0;
        Span inside = null;
        for (Tokens.Token token : Tokens.split(text, cuts)) {
            while (next < spans.size() && spans.get(next).end() <= token.start()) {
                next++;
            }
            String tag = "O";
            if (next < spans.size() && spans.get(next).start() <= token.start()) {
                Span span = spans.get(next);
                tag = (span == inside ? "I-" : "B-") + span.label();
                inside = span;
            }
            lines.add(token.text() + " -X- _ " + tag);
        }
        return lines;
    }

    /** The text of a project that CoNLL writes, and the {@code <Labels>} that label it. */
    static final class TextTarget {
        private final String objectName;
        private final String dataKey;
        private final Set<String> controls;

        private TextTarget(String objectName, String dataKey, Set<String> controls) {
            this.objectName = objectName;
            this.dataKey = dataKey;
            this.controls = controls;
        }

        static TextTarget of(LabelConfig config) {
            for (ObjectTag object : config.objects()) {
                if (!"text".equals(object.type().toLowerCase(Locale.ROOT)) || object.dataKey() == null) {
                    continue;
                }
                Set<String> controls = new LinkedHashSet<>();
                for (ControlTag control : config.controls()) {
                    if ("labels".equals(control.resultType()) && control.toNames().contains(object.name())) {
                        controls.add(control.name());
                    }
                }
                if (!controls.isEmpty()) {
                    return new TextTarget(object.name(), object.dataKey(), controls);
                }
            }
            throw new DmException(DmException.Kind.UNPROCESSABLE, "the export format does not fit the project",
                    "CONLL2003 writes named entities, and no <Labels> of this project's labeling config labels a "
                            + "<Text>");
        }

        /** The completion's labeled spans of the text, cut to it, sorted, without overlaps. */
        List<Span> spans(Completion completion, int length) {
            List<Span> all = new ArrayList<>();
            for (Map<String, Object> result : completion.result()) {
                if (!controls.contains(result.get("from_name")) || !objectName.equals(result.get("to_name"))
                        || !(result.get("value") instanceof Map<?, ?> value)) {
                    continue;
                }
                if (value.get("start") instanceof Number start && value.get("end") instanceof Number end
                        && value.get("labels") instanceof List<?> labels && !labels.isEmpty()
                        && labels.get(0) instanceof String label && !label.isBlank()) {
                    int from = Math.max(0, Math.min(start.intValue(), length));
                    int to = Math.max(0, Math.min(end.intValue(), length));
                    if (from < to) {
                        all.add(new Span(from, to, label.strip().replaceAll("\\s+", "_")));
                    }
                }
            }
            all.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end)
                    .reversed()));
            List<Span> kept = new ArrayList<>();
            for (Span span : all) {
                if (kept.isEmpty() || span.start() >= kept.get(kept.size() - 1).end()) {
                    kept.add(span);
                }
            }
            return kept;
        }
    }
}
