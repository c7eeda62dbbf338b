package io.labelhub.dm.storage.jpa.internal.entity;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

@Entity
@Table(name = "completion")
public class CompletionEntity {

    /** From {@link io.labelhub.dm.storage.jpa.internal.IdAllocator}, set before persisting. */
    @Id
    public Long id;

    @Column(name = "task_id", nullable = false)
    public long taskId;

    @Lob
    @Column(nullable = false)
    public String result;

    @Column(name = "completed_by")
    public Long completedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "lead_time")
    public Double leadTime;

    @Column(name = "was_cancelled", nullable = false)
    public boolean wasCancelled;

    @Column(name = "ground_truth", nullable = false)
    public boolean groundTruth;

    /** JSON of the file's author when an import credited the importer (sql.Authors reads and writes it). */
    @Column(name = "original_author")
    public String originalAuthor;

    /** Why a lenient import kept it although its result does not fit the labeling config. */
    @Column(name = "flagged")
    public String flagged;
}
