-- The extended candidate profile (issue #5, talent pool). Every column is optional or defaulted,
-- so candidates stored before it, and imports that state none of it, stay valid. Lists and
-- structured values are JSON text, read back through the core types that validated them.

ALTER TABLE candidates ADD COLUMN timezone TEXT;
-- {"github", "linkedin", "website"}: http(s) URLs.
ALTER TABLE candidates ADD COLUMN links TEXT NOT NULL DEFAULT '{}';
-- [{"skill", "years", "last_used_year"}]: details for the candidate's own skill tags.
ALTER TABLE candidates ADD COLUMN skill_details TEXT NOT NULL DEFAULT '[]';
ALTER TABLE candidates ADD COLUMN primary_language TEXT;
ALTER TABLE candidates ADD COLUMN stated_level TEXT CHECK (stated_level IN ('junior', 'mid', 'senior'));
ALTER TABLE candidates ADD COLUMN available_from DATE;
ALTER TABLE candidates ADD COLUMN hours_per_week INTEGER CHECK (hours_per_week BETWEEN 1 AND 80);
ALTER TABLE candidates ADD COLUMN engagement TEXT NOT NULL DEFAULT '[]';
ALTER TABLE candidates ADD COLUMN work_authorization TEXT NOT NULL DEFAULT '[]';
ALTER TABLE candidates ADD COLUMN industries TEXT NOT NULL DEFAULT '[]';
ALTER TABLE candidates ADD COLUMN vetting_status TEXT NOT NULL DEFAULT 'unvetted'
    CHECK (vetting_status IN ('unvetted', 'in_vetting', 'vetted', 'not_accepted'));
ALTER TABLE candidates ADD COLUMN consent_until DATE;
ALTER TABLE candidates ADD COLUMN source_channel TEXT
    CHECK (source_channel IN ('referral', 'job_board', 'agency', 'sourced', 'inbound', 'talent_network', 'other'));
ALTER TABLE candidates ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';

-- Append-only: the who, when and why of every vetting change. Only an INSERT writes it.
CREATE TABLE candidate_vetting_events (
    id           UUID PRIMARY KEY NOT NULL,
    candidate_id UUID NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    from_status  TEXT NOT NULL CHECK (from_status IN ('unvetted', 'in_vetting', 'vetted', 'not_accepted')),
    to_status    TEXT NOT NULL CHECK (to_status IN ('unvetted', 'in_vetting', 'vetted', 'not_accepted')),
    actor_id     UUID REFERENCES users (id) ON DELETE SET NULL,
    note         TEXT,
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX candidate_vetting_events_candidate ON candidate_vetting_events (candidate_id, id);
