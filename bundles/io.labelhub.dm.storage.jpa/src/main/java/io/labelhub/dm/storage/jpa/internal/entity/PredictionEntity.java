package io.labelhub.dm.storage.jpa.internal.entity;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

@Entity
@Table(name = "prediction")
public class PredictionEntity {

    /** From {@link io.labelhub.dm.storage.jpa.internal.IdAllocator}, set before persisting. */
    @Id
    public Long id;

    @Column(name = "task_id", nullable = false)
    public long taskId;

    @Lob
    @Column(nullable = false)
    public String result;

    public Double score;

    @Column(name = "model_version")
    public String modelVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
