-- Duplicate candidates and their merges (issue #5).

-- The keys the duplicate check looks candidates up by, computed by the database so that every
-- writer (API, import, CLI) keeps them current. `email_key` is hireloop_core::duplicates::email_key
-- in SQL: the local part without its `+tag`, and for Gmail without dots, googlemail.com read as
-- gmail.com. `city_key` is the city (or, for records older than the city field, the part of the
-- free-text location before the first comma), trimmed and lower-cased; names are compared in Rust
-- among the candidates of one city. (`candidates_email_key` is taken: PostgreSQL names the UNIQUE
-- index on `email` so.)
ALTER TABLE candidates ADD COLUMN email_key TEXT GENERATED ALWAYS AS (
    CASE WHEN split_part(email, '@', 2) IN ('gmail.com', 'googlemail.com')
        THEN replace(split_part(split_part(email, '@', 1), '+', 1), '.', '') || '@gmail.com'
        ELSE split_part(split_part(email, '@', 1), '+', 1) || '@' || split_part(email, '@', 2)
    END
) STORED;
ALTER TABLE candidates ADD COLUMN city_key TEXT GENERATED ALWAYS AS (
    nullif(lower(trim(coalesce(city, split_part(location, ',', 1)))), '')
) STORED;
CREATE INDEX candidates_by_email_key ON candidates (email_key);
CREATE INDEX candidates_by_city_key ON candidates (city_key);

-- One row per merge: who merged which candidate into which, when and why, what moved, and the
-- merged candidate's full record as JSON (the row itself is deleted). Goes with the survivor.
CREATE TABLE candidate_merges (
    id              UUID PRIMARY KEY NOT NULL,
    survivor_id     UUID NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    merged_id       UUID NOT NULL,
    merged_snapshot TEXT NOT NULL,
    moved           TEXT NOT NULL,
    actor_id        UUID REFERENCES users (id) ON DELETE SET NULL,
    note            TEXT,
    at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX candidate_merges_survivor ON candidate_merges (survivor_id, id);

-- Append-only, as stage_changes: a row may only lose its actor (the user deleted), follow its
-- survivor into a later merge (survivor_id re-pointed), and go with its survivor.
CREATE FUNCTION candidate_merges_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM candidates WHERE id = OLD.survivor_id) THEN
            RAISE EXCEPTION 'candidate_merges is append-only: merge records go only with their candidate';
        END IF;
        RETURN OLD;
    END IF;
    IF (NEW.id, NEW.merged_id, NEW.merged_snapshot, NEW.moved, NEW.note, NEW.at)
        IS NOT DISTINCT FROM (OLD.id, OLD.merged_id, OLD.merged_snapshot, OLD.moved, OLD.note, OLD.at)
        AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'candidate_merges is append-only: merge records are never changed';
END;
$$;

CREATE TRIGGER candidate_merges_append_only BEFORE UPDATE OR DELETE ON candidate_merges
    FOR EACH ROW EXECUTE FUNCTION candidate_merges_append_only();
