package io.labelhub.dm.gt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.labelhub.dm.api.Completion;
import io.labelhub.dm.api.CompletionPatch;
import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.ValidationException;
import io.labelhub.dm.api.gt.AgreementMeasure;
import io.labelhub.dm.api.gt.AnnotatorAccuracy;
import io.labelhub.dm.api.gt.CompletionFilter;
import io.labelhub.dm.api.gt.GroundTruthSample;
import io.labelhub.dm.api.gt.GroundTruthService;
import io.labelhub.dm.api.service.ProjectService;
import io.labelhub.dm.api.service.TaskService;
import io.labelhub.dm.api.spi.Extension;
import io.labelhub.dm.api.spi.Extensions;
import io.labelhub.dm.api.storage.GroundTruthStore;

/**
 * Ground truth over the task service (single marks, which keep the one rule of ground truth in the same transaction
 * as every other change of a completion) and the ground-truth store (the GT Manager's bulk work and the annotators'
 * figures). Agreement measures are plugins: every one registered is bound as it comes and goes.
 */
@Component(service = GroundTruthService.class)
public class DefaultGroundTruthService implements GroundTruthService {

    private final TaskService tasks;
    private final ProjectService projects;
    private final GroundTruthStore store;
    private final LongSupplier seeds;
    private final Extensions<AgreementMeasure> measures = new Extensions<>(AgreementMeasure.PROPERTY);

    @Activate
    public DefaultGroundTruthService(@Reference TaskService tasks, @Reference ProjectService projects,
                                     @Reference GroundTruthStore store) {
        this(tasks, projects, store, () -> ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /** With a source of seeds of one's own, for tests. */
    DefaultGroundTruthService(TaskService tasks, ProjectService projects, GroundTruthStore store, LongSupplier seeds) {
        this.tasks = tasks;
        this.projects = projects;
        this.store = store;
        this.seeds = seeds;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMeasure(AgreementMeasure measure, Map<String, Object> properties) {
        measures.add(measure, properties);
    }

    void removeMeasure(AgreementMeasure measure) {
        measures.remove(measure);
    }

    @Override
    public Completion mark(long completionId) {
        Completion completion = tasks.getCompletion(completionId);
        if (completion.groundTruth()) {
            return completion;
        }
        // storage checks it again under the task's lock; this answers the common case before anything is locked
        if (completion.wasCancelled()) {
            throw new DmException(DmException.Kind.UNPROCESSABLE, "skipped completion", "completion " + completionId
                    + " is skipped (was_cancelled), and a skipped completion cannot be ground truth");
        }
        return tasks.updateCompletion(completionId, new CompletionPatch(null, null, null, true));
    }

    @Override
    public Completion unmark(long completionId) {
        Completion completion = tasks.getCompletion(completionId);
        if (!completion.groundTruth()) {
            return completion;
        }
        return tasks.updateCompletion(completionId, new CompletionPatch(null, null, null, false));
    }

    @Override
    public CompletionFilter parseFilter(Object json) {
        return CompletionFilterParser.parse(json);
    }

    @Override
    public GroundTruthSample sample(long projectId, Object filters, double percent, Long seed) {
        CompletionFilter filter = checked(projectId, filters, percent);
        return store.sample(projectId, filter, percent, seed != null ? seed : seeds.getAsLong());
    }

    @Override
    public GroundTruthSample preview(long projectId, Object filters, double percent, Long seed) {
        CompletionFilter filter = checked(projectId, filters, percent);
        return store.preview(projectId, filter, percent, seed != null ? seed : seeds.getAsLong());
    }

    private CompletionFilter checked(long projectId, Object filters, double percent) {
        CompletionFilter filter = CompletionFilterParser.parse(filters);
        if (!(percent >= 0 && percent <= 100)) {
            throw new ValidationException("invalid sample", "percent must be a number from 0 to 100, was " + percent);
        }
        projects.get(projectId);
        return filter;
    }

    @Override
    public long reset(long projectId) {
        projects.get(projectId);
        return store.reset(projectId);
    }

    @Override
    public Map<String, String> measures() {
        Map<String, String> installed = new LinkedHashMap<>();
        for (Extension<AgreementMeasure> extension : measures.all()) {
            installed.putIfAbsent(extension.name(), extension.service().description());
        }
        return installed;
    }

    @Override
    public Accuracy annotators(long projectId, String measureName) {
        String name = measureName == null || measureName.isBlank() ? AgreementMeasure.DEFAULT : measureName;
        AgreementMeasure measure = measures.named(name).orElseThrow(() -> new ValidationException(
                "unknown agreement measure", "no agreement measure '" + name + "' is installed; installed: "
                + String.join(", ", measures.names())));
        projects.get(projectId);
        Map<Long, double[]> agreement = new HashMap<>();
        store.comparisons(projectId, comparison -> {
            double score = measure.agreement(comparison.groundTruth(), comparison.result());
            // a measure's mistake must not turn into a NaN average: it is held to its contract here
            double bounded = Double.isFinite(score) ? Math.max(0, Math.min(1, score)) : 0;
            double[] sum = agreement.computeIfAbsent(comparison.author(), user -> new double[2]);
            sum[0] += bounded;
            sum[1]++;
        });
        List<AnnotatorAccuracy> annotators = new ArrayList<>();
        for (GroundTruthStore.AuthorFigures figures : store.authors(projectId)) {
            double[] sum = agreement.get(figures.user());
            annotators.add(new AnnotatorAccuracy(figures.user(), figures.completions(), figures.skipped(),
                    figures.meanLeadTime(), figures.reviewsUp(), figures.reviewsDown(),
                    sum == null ? 0 : (long) sum[1], sum == null ? null : sum[0] / sum[1]));
        }
        return new Accuracy(name, annotators);
    }
}
