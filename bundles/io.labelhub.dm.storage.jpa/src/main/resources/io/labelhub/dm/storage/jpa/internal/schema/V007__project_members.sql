-- Who belongs to which project in which role (MANAGER, REVIEWER or ANNOTATOR). The creator of a project is its first
-- manager, also for the projects made before memberships existed.
CREATE TABLE project_member (
    project_id BIGINT      NOT NULL,
    user_id    BIGINT      NOT NULL,
    role       VARCHAR(16) NOT NULL,
    added_at   TIMESTAMP   NOT NULL,
    CONSTRAINT pk_project_member PRIMARY KEY (project_id, user_id),
    CONSTRAINT fk_member_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT fk_member_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

-- the project list of a user who is not an admin
CREATE INDEX ix_member_user ON project_member (user_id, project_id);

INSERT INTO project_member (project_id, user_id, role, added_at)
    SELECT id, created_by, 'MANAGER', created_at FROM project WHERE created_by IS NOT NULL;
