/** The Data Manager's model of filters, orderings, selections, table pages, totals, views and statistics. */
@Version("1.2.0")
package io.labelhub.dm.api.query;

import org.osgi.annotation.versioning.Version;
