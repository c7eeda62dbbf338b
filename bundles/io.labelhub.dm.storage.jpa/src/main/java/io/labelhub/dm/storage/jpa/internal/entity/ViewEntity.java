package io.labelhub.dm.storage.jpa.internal.entity;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

/** A saved Data Manager view; ordering and columns are JSON lists of names. */
@Entity
@Table(name = "dm_view")
public class ViewEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public long projectId;

    @Column(nullable = false)
    public String title;

    @Lob
    public String filters;

    @Lob
    @Column(nullable = false)
    public String ordering;

    @Lob
    @Column(nullable = false)
    public String columns;

    @Column(nullable = false)
    public boolean quick;

    @Column(name = "created_by")
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
