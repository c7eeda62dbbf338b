-- This server's identity: one random id, made once with the database (the step's Java part writes it), the same
-- for every node on the database. Exports name it beside the user ids they write, so an import can tell whether
-- those ids are this server's users.
CREATE TABLE server_identity (
    id VARCHAR(36) NOT NULL,
    CONSTRAINT pk_server_identity PRIMARY KEY (id)
);
