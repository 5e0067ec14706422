-- Decisions (advance / reject / withdraw) keep their structured reason and note in the stage history,
-- so analytics can count rejections by reason without parsing free text.

ALTER TABLE stage_changes ADD COLUMN reason_code TEXT NULL;
ALTER TABLE stage_changes ADD COLUMN note TEXT NULL;

-- The history is append-only, enforced here rather than trusted to every query: a row may only
-- lose its actor (ON DELETE SET NULL when that user is deleted) and go with its application
-- (ON DELETE CASCADE). Anything else is refused.
CREATE FUNCTION stage_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM applications WHERE id = OLD.application_id) THEN
            RAISE EXCEPTION 'stage_changes is append-only: history rows go only with their application';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.actor_id IS NULL
        AND (NEW.id, NEW.application_id, NEW.from_stage, NEW.to_stage, NEW.reason, NEW.at,
             NEW.reason_code, NEW.note)
        IS NOT DISTINCT FROM (OLD.id, OLD.application_id, OLD.from_stage, OLD.to_stage, OLD.reason,
             OLD.at, OLD.reason_code, OLD.note) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'stage_changes is append-only: history rows are never changed';
END;
$$;

CREATE TRIGGER stage_changes_append_only BEFORE UPDATE OR DELETE ON stage_changes
    FOR EACH ROW EXECUTE FUNCTION stage_changes_append_only();
