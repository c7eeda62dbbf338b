package io.labelhub.dm.storage.jpa.internal.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A user's membership of a project; the role is a {@link io.labelhub.dm.api.Role} name. */
@Entity
@Table(name = "project_member")
@IdClass(MemberEntity.Key.class)
public class MemberEntity {

    /** The primary key: one membership per project and user. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public long projectId;
        public long userId;

        public Key() {
        }

        public Key(long projectId, long userId) {
            this.projectId = projectId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.projectId == projectId && key.userId == userId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, userId);
        }
    }

    @Id
    @Column(name = "project_id")
    public long projectId;

    @Id
    @Column(name = "user_id")
    public long userId;

    @Column(nullable = false)
    public String role;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;
}
