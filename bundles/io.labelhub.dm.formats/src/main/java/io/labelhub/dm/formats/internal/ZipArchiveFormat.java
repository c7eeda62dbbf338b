package io.labelhub.dm.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.ZipException;

import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.osgi.service.component.annotations.Component;

import io.labelhub.dm.api.io.ArchiveFormat;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;

/** ZIP read as a stream (never extracted to disk); directories and symbolic links are passed over. */
@Component(property = ImportFormat.FORMAT_PROPERTY + "=zip")
public class ZipArchiveFormat implements ArchiveFormat {

    @Override
    public Set<String> extensions() {
        return Set.of("zip");
    }

    @Override
    public void entries(InputStream in, EntryVisitor visitor) throws IOException {
        boolean any = false;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new NonClosingInputStream(in), "UTF-8", true,
                true)) {
            for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                any = true;
                if (entry.isDirectory() || entry.isUnixSymlink()) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new ImportException(entry.getGeneralPurposeBit().usesEncryption()
                            ? "encrypted archives are not supported (entry " + entry.getName() + ")"
                            : "entry " + entry.getName() + " uses an unsupported compression method");
                }
                visitor.entry(entry.getName().replace('\\', '/'), zip);
            }
        } catch (UnsupportedZipFeatureException e) {
            if (e.getFeature() == UnsupportedZipFeatureException.Feature.ENCRYPTION) {
                throw new ImportException("encrypted archives are not supported"
                        + (e.getEntry() == null ? "" : " (entry " + e.getEntry().getName() + ")"));
            }
            throw new ImportException("the ZIP archive uses a feature that cannot be read: " + e.getMessage());
        } catch (ZipException e) {
            throw new ImportException("not a readable ZIP archive: " + e.getMessage());
        }
        if (!any) {
            throw new ImportException("not a ZIP archive, or an empty one");
        }
    }
}
