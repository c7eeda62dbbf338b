-- The Verify Stream: reviewers' thumbs up or down on completions, one per reviewer and completion (the task's
-- reviews_up / reviews_down count them, on top of the counts an import brought), and the completion each reviewer
-- has been handed and not voted on yet (so asking again gives it back, on any node).
-- No foreign keys: the code that deletes completions and tasks deletes their reviews (see V006 on cascades in Derby).
CREATE TABLE review (
    completion_id BIGINT    NOT NULL,
    reviewer_id   BIGINT    NOT NULL,
    task_id       BIGINT    NOT NULL,
    project_id    BIGINT    NOT NULL,
    accepted      BOOLEAN   NOT NULL,
    comment       ${clob},
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CONSTRAINT pk_review PRIMARY KEY (completion_id, reviewer_id)
);

-- a task's reviews (its reviewers column, deletes); a project's reviews (deletes, a reviewer's count)
CREATE INDEX ix_review_task ON review (task_id, reviewer_id);
CREATE INDEX ix_review_project ON review (project_id, reviewer_id);

CREATE TABLE review_handout (
    project_id    BIGINT    NOT NULL,
    reviewer_id   BIGINT    NOT NULL,
    completion_id BIGINT    NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    CONSTRAINT pk_review_handout PRIMARY KEY (project_id, reviewer_id)
);

CREATE INDEX ix_review_handout_completion ON review_handout (completion_id);
