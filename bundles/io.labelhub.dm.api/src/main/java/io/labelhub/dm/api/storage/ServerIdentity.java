package io.labelhub.dm.api.storage;

/**
 * This server's identity: a random id made once with its database, shared by every node on it. Exports write it
 * beside the user ids they name, so that an import of such a file knows those ids are users of this server.
 */
public interface ServerIdentity {

    String id();
}
