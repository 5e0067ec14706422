-- Decisions (advance / reject / withdraw) keep their structured reason and note in the stage history,
-- so analytics can count rejections by reason without parsing free text. stage_changes stays
-- append-only: no query updates or deletes its rows; they go only with their application (cascade).

ALTER TABLE stage_changes ADD COLUMN reason_code TEXT NULL;
ALTER TABLE stage_changes ADD COLUMN note TEXT NULL;
