package io.labelhub.dm.storage.jpa.internal.entity;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

/** A task row; the counters are derived from its completions and predictions and kept here for cheap filters. */
@Entity
@Table(name = "task")
public class TaskEntity {

    /** From {@link io.labelhub.dm.storage.jpa.internal.IdAllocator}, set before persisting. */
    @Id
    public Long id;

    @Column(name = "project_id", nullable = false)
    public long projectId;

    @Lob
    @Column(nullable = false)
    public String data;

    @Lob
    public String meta;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "completion_count", nullable = false)
    public int completionCount;

    @Column(name = "skipped_count", nullable = false)
    public int skippedCount;

    @Column(name = "prediction_count", nullable = false)
    public int predictionCount;

    @Column(name = "reviews_up", nullable = false)
    public int reviewsUp;

    @Column(name = "reviews_down", nullable = false)
    public int reviewsDown;

    @Column(name = "ground_truth", nullable = false)
    public boolean groundTruth;

    @Column(name = "prediction_score")
    public Double predictionScore;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "lead_time")
    public Double leadTime;
}
