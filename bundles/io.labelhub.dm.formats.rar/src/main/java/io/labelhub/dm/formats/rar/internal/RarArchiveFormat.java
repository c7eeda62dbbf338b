package io.labelhub.dm.formats.rar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.github.junrar.Archive;
import com.github.junrar.ArchiveOptions;
import com.github.junrar.exception.CrcErrorException;
import com.github.junrar.exception.RarException;
import com.github.junrar.exception.UnsupportedDictionarySizeException;
import com.github.junrar.exception.UnsupportedRarEncryptedException;
import com.github.junrar.exception.UnsupportedRarVersionException;
import com.github.junrar.exception.WrongPasswordException;
import com.github.junrar.rarfile.FileHeader;

import io.labelhub.dm.api.DmException;
import io.labelhub.dm.api.io.ArchiveFormat;
import io.labelhub.dm.api.io.ImportException;
import io.labelhub.dm.api.io.ImportFormat;

/**
 * RAR 4 and RAR 5 through junrar. RAR needs random access, so the upload (already bounded by the import's size
 * limit) is copied to a private temporary file that is deleted afterwards; entries are streamed out, never
 * written anywhere, their names are only names, and links are passed over. An entry that unpacks to fewer bytes
 * than its header says (corrupt data, or a dictionary beyond {@link #MAX_DICTIONARY_BYTES}) is refused rather than
 * imported cut short.
 */
@Component(property = ImportFormat.FORMAT_PROPERTY + "=rar")
public class RarArchiveFormat implements ArchiveFormat {

    /** Dictionaries above this are refused before any window is allocated: bounded memory for hostile headers. */
    static final long MAX_DICTIONARY_BYTES = 64L * 1024 * 1024;

    @Override
    public Set<String> extensions() {
        return Set.of("rar");
    }

    @Override
    public void entries(InputStream in, EntryVisitor visitor) throws IOException {
        Path copy = Files.createTempFile("labelhub-import-", ".rar");
        try {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            read(copy, visitor);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static void read(Path file, EntryVisitor visitor) throws IOException {
        ArchiveOptions options = ArchiveOptions.builder().maxDictionarySize(MAX_DICTIONARY_BYTES).build();
        try (Archive archive = new Archive(file.toFile(), options)) {
            if (archive.isEncrypted() || archive.isPasswordProtected()) {
                throw new ImportException("encrypted archives are not supported");
            }
            for (FileHeader header : archive) {
                if (header.isDirectory() || header.getRedirection() != null) {
                    continue;
                }
                if (header.isEncrypted()) {
                    throw new ImportException("encrypted archives are not supported (entry "
                            + header.getFileName() + ")");
                }
                String name = header.getFileName().replace('\\', '/');
                try (CountingInputStream content = new CountingInputStream(archive.getInputStream(header))) {
                    visitor.entry(name, content);
                    // junrar unpacks on a thread of its own and ends the stream early when that fails
                    if (content.count() < header.getFullUnpackSize() && content.read() < 0) {
                        throw new ImportException(DmException.Kind.UNPROCESSABLE, "entry " + name
                                + " cannot be unpacked: the archive is corrupt or needs a decompression dictionary "
                                + "larger than " + MAX_DICTIONARY_BYTES / (1024 * 1024) + " MiB");
                    }
                }
            }
        } catch (UnsupportedRarEncryptedException | WrongPasswordException e) {
            throw new ImportException("encrypted archives are not supported");
        } catch (UnsupportedDictionarySizeException e) {
            throw new ImportException(DmException.Kind.UNPROCESSABLE, "the archive asks for a decompression "
                    + "dictionary larger than " + MAX_DICTIONARY_BYTES / (1024 * 1024) + " MiB");
        } catch (UnsupportedRarVersionException e) {
            throw new ImportException("this RAR version is not supported (RAR 2.0 and later can be read)");
        } catch (CrcErrorException e) {
            throw new ImportException("the archive is corrupt (checksum mismatch)");
        } catch (RarException e) {
            throw new ImportException("not a readable RAR archive (" + describe(e) + ")");
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RarException rar) {
                throw new ImportException("not a readable RAR archive (" + describe(rar) + ")");
            }
            throw e;
        }
    }

    private static String describe(RarException e) {
        String type = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
