-- The talent pool's change feed (issue #5): one row per write to a candidate or their resume
-- documents, written by triggers so that every writer (any server, the CLI's import) is covered
-- without code changes. Each server polls the rows after the last id it has seen and re-reads
-- those candidates into its in-memory indexes; the trigger also notifies the `hireloop_pool`
-- channel so listening servers refresh at once (delivered when the writing transaction commits).
-- Old rows are pruned by the servers; a server that was away longer than that rebuilds its
-- indexes from the tables.
CREATE TABLE pool_changes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id UUID NOT NULL,
    at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX pool_changes_at ON pool_changes (at);

CREATE FUNCTION pool_changes_candidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO pool_changes (candidate_id) VALUES (OLD.id);
    ELSE
        INSERT INTO pool_changes (candidate_id) VALUES (NEW.id);
    END IF;
    PERFORM pg_notify('hireloop_pool', '');
    RETURN NULL;
END;
$$;

CREATE FUNCTION pool_changes_resume() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO pool_changes (candidate_id) VALUES (OLD.candidate_id);
    ELSE
        INSERT INTO pool_changes (candidate_id) VALUES (NEW.candidate_id);
    END IF;
    PERFORM pg_notify('hireloop_pool', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER pool_changes_candidate AFTER INSERT OR UPDATE OR DELETE ON candidates
    FOR EACH ROW EXECUTE FUNCTION pool_changes_candidate();

CREATE TRIGGER pool_changes_resume AFTER INSERT OR DELETE ON resume_documents
    FOR EACH ROW EXECUTE FUNCTION pool_changes_resume();
