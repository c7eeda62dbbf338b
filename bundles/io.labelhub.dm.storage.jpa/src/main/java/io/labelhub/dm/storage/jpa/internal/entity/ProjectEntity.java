package io.labelhub.dm.storage.jpa.internal.entity;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

@Entity
@Table(name = "project")
public class ProjectEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Lob
    public String description;

    @Lob
    @Column(name = "label_config", nullable = false)
    public String labelConfig;

    @Column(nullable = false)
    public String sampling;

    @Column(nullable = false)
    public int overlap;

    @Column(name = "lock_ttl", nullable = false)
    public int lockTtl;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Kept by the task paths; {@code insertable = false}: a new project starts at the column's default 0. */
    @Column(name = "task_count", insertable = false, updatable = false)
    public long taskCount;
}
