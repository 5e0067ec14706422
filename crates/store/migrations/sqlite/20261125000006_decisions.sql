-- Decisions (advance / reject / withdraw) keep their structured reason and note in the stage history,
-- so analytics can count rejections by reason without parsing free text.

ALTER TABLE stage_changes ADD COLUMN reason_code TEXT NULL;
ALTER TABLE stage_changes ADD COLUMN note TEXT NULL;

-- The history is append-only, enforced here rather than trusted to every query: a row may only
-- lose its actor (ON DELETE SET NULL when that user is deleted) and go with its application
-- (ON DELETE CASCADE). Anything else is refused.
CREATE TRIGGER stage_changes_no_update BEFORE UPDATE ON stage_changes
WHEN NOT (NEW.id IS OLD.id AND NEW.application_id IS OLD.application_id
    AND NEW.from_stage IS OLD.from_stage AND NEW.to_stage IS OLD.to_stage AND NEW.reason IS OLD.reason
    AND NEW.at IS OLD.at AND NEW.reason_code IS OLD.reason_code AND NEW.note IS OLD.note
    AND NEW.actor_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'stage_changes is append-only: history rows are never changed');
END;

CREATE TRIGGER stage_changes_no_delete BEFORE DELETE ON stage_changes
WHEN EXISTS (SELECT 1 FROM applications WHERE id = OLD.application_id)
BEGIN
    SELECT RAISE(ABORT, 'stage_changes is append-only: history rows go only with their application');
END;
