-- The talent pool's change feed (issue #5): one row per write to a candidate or their resume
-- documents, written by triggers so that every writer (any server, the CLI's import) is covered
-- without code changes. Each server polls the rows after the last id it has seen and re-reads
-- those candidates into its in-memory indexes. Old rows are pruned by the servers; a server that
-- was away longer than that rebuilds its indexes from the tables.
CREATE TABLE pool_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id BLOB NOT NULL,
    -- As sqlx writes times (RFC 3339, UTC), so comparing with a bound time orders correctly.
    at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
);
CREATE INDEX pool_changes_at ON pool_changes (at);

CREATE TRIGGER pool_changes_candidate_insert AFTER INSERT ON candidates
BEGIN
    INSERT INTO pool_changes (candidate_id) VALUES (NEW.id);
END;

CREATE TRIGGER pool_changes_candidate_update AFTER UPDATE ON candidates
BEGIN
    INSERT INTO pool_changes (candidate_id) VALUES (NEW.id);
END;

CREATE TRIGGER pool_changes_candidate_delete AFTER DELETE ON candidates
BEGIN
    INSERT INTO pool_changes (candidate_id) VALUES (OLD.id);
END;

CREATE TRIGGER pool_changes_resume_insert AFTER INSERT ON resume_documents
BEGIN
    INSERT INTO pool_changes (candidate_id) VALUES (NEW.candidate_id);
END;

CREATE TRIGGER pool_changes_resume_delete AFTER DELETE ON resume_documents
BEGIN
    INSERT INTO pool_changes (candidate_id) VALUES (OLD.candidate_id);
END;
