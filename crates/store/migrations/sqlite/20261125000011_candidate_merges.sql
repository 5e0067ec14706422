-- Duplicate candidates and their merges (issue #5).

-- The keys the duplicate check looks candidates up by, computed by the database so that every
-- writer (API, import, CLI) keeps them current. `email_key` is hireloop_core::duplicates::email_key
-- in SQL: the local part without its `+tag`, and for Gmail without dots, googlemail.com read as
-- gmail.com. `city_key` is the city (or, for records older than the city field, the part of the
-- free-text location before the first comma), trimmed and lower-cased; names are compared in Rust
-- among the candidates of one city. VIRTUAL: computed on read, only the indexes store them.
ALTER TABLE candidates ADD COLUMN email_key TEXT GENERATED ALWAYS AS (
    CASE WHEN substr(email, instr(email, '@') + 1) IN ('gmail.com', 'googlemail.com')
        THEN replace(
            CASE WHEN instr(substr(email, 1, instr(email, '@') - 1), '+') > 0
                THEN substr(email, 1, instr(substr(email, 1, instr(email, '@') - 1), '+') - 1)
                ELSE substr(email, 1, instr(email, '@') - 1) END,
            '.', '') || '@gmail.com'
        ELSE CASE WHEN instr(substr(email, 1, instr(email, '@') - 1), '+') > 0
                THEN substr(email, 1, instr(substr(email, 1, instr(email, '@') - 1), '+') - 1)
                ELSE substr(email, 1, instr(email, '@') - 1) END
            || '@' || substr(email, instr(email, '@') + 1)
    END
) VIRTUAL;
ALTER TABLE candidates ADD COLUMN city_key TEXT GENERATED ALWAYS AS (
    nullif(lower(trim(coalesce(city,
        CASE WHEN instr(location, ',') > 0 THEN substr(location, 1, instr(location, ',') - 1)
            ELSE location END))), '')
) VIRTUAL;
CREATE INDEX candidates_by_email_key ON candidates (email_key);
CREATE INDEX candidates_by_city_key ON candidates (city_key);

-- One row per merge: who merged which candidate into which, when and why, what moved, and the
-- merged candidate's full record as JSON (the row itself is deleted). Goes with the survivor.
CREATE TABLE candidate_merges (
    id              BLOB PRIMARY KEY NOT NULL,
    survivor_id     BLOB NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    merged_id       BLOB NOT NULL,
    merged_snapshot TEXT NOT NULL,
    moved           TEXT NOT NULL,
    actor_id        BLOB REFERENCES users (id) ON DELETE SET NULL,
    note            TEXT,
    at              TEXT NOT NULL
);
CREATE INDEX candidate_merges_survivor ON candidate_merges (survivor_id, id);

-- Append-only, as stage_changes: a row may only lose its actor (the user deleted), follow its
-- survivor into a later merge (survivor_id re-pointed), and go with its survivor.
CREATE TRIGGER candidate_merges_no_update BEFORE UPDATE ON candidate_merges
WHEN NOT (NEW.id IS OLD.id AND NEW.merged_id IS OLD.merged_id
    AND NEW.merged_snapshot IS OLD.merged_snapshot AND NEW.moved IS OLD.moved
    AND NEW.note IS OLD.note AND NEW.at IS OLD.at
    AND (NEW.actor_id IS OLD.actor_id OR NEW.actor_id IS NULL))
BEGIN
    SELECT RAISE(ABORT, 'candidate_merges is append-only: merge records are never changed');
END;

CREATE TRIGGER candidate_merges_no_delete BEFORE DELETE ON candidate_merges
WHEN EXISTS (SELECT 1 FROM candidates WHERE id = OLD.survivor_id)
BEGIN
    SELECT RAISE(ABORT, 'candidate_merges is append-only: merge records go only with their candidate');
END;
