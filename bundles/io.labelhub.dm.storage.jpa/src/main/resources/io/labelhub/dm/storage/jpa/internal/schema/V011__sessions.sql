-- Browser sessions: the SHA-256 of each session's key (the cookie holds the key), its user, its CSRF token and when it
-- runs out. A user's sessions go with the user; a new password ends them (the code that sets it deletes them).
CREATE TABLE user_session (
    key_hash   VARCHAR(64) NOT NULL,
    user_id    BIGINT      NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    created_at TIMESTAMP   NOT NULL,
    expires_at TIMESTAMP   NOT NULL,
    CONSTRAINT pk_user_session PRIMARY KEY (key_hash),
    CONSTRAINT fk_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

CREATE INDEX ix_user_session_expires ON user_session (expires_at);

-- a user's sessions, for the cascade and for a new password (Derby gives the foreign key such an index itself)
/*postgresql*/ CREATE INDEX ix_user_session_user ON user_session (user_id);
