/**
 * Persistence behind interfaces, one per job: repositories of users, projects, tasks and views; bulk writes
 * (imports, bulk deletes); export reads; Data Manager queries; statistics; the streams' locks and reviews; ground
 * truth in bulk. A storage call that waited in vain for another transaction throws
 * {@link io.labelhub.dm.api.DmException} of kind
 * {@link io.labelhub.dm.api.DmException.Kind#BUSY BUSY}; callers never see the database's own errors for that.
 */
@Version("3.4.0")
package io.labelhub.dm.api.storage;

import org.osgi.annotation.versioning.Version;
