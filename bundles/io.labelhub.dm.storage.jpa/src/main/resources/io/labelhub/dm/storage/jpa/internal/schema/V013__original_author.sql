-- Who a file said made a completion an import credited to the importer (unknown_authors=importer): the file's
-- completed_by as JSON (id, e-mail, names, server), so the original author is not lost.
ALTER TABLE completion ADD COLUMN original_author VARCHAR(2000);
