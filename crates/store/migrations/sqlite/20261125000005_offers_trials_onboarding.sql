-- Offers with every version kept, trials with their one-time outcome, and 30/60/90-day onboarding
-- plans with their tasks and the 90-day quality-of-hire rating (issue 6).

-- An offer's current status and version; the terms themselves live in offer_versions. An
-- application may get a new offer once the previous one is final (declined, withdrawn).
CREATE TABLE offers (
    id             BLOB PRIMARY KEY NOT NULL,
    application_id BLOB NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'accepted', 'declined', 'withdrawn')),
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_by     BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX offers_application ON offers (application_id);

-- Append-only: every edit and every status change adds a row; nothing is overwritten.
CREATE TABLE offer_versions (
    offer_id BLOB NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,
    -- The offer as JSON (compensation, engagement, start date, checklist, conversion, status).
    body     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'accepted', 'declined', 'withdrawn')),
    actor_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    note     TEXT,
    at       TEXT NOT NULL,
    PRIMARY KEY (offer_id, version)
);

CREATE TABLE trials (
    id             BLOB PRIMARY KEY NOT NULL,
    application_id BLOB NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    -- A JSON array of the goals the trial should show.
    goals          TEXT NOT NULL,
    outcome        TEXT CHECK (outcome IN ('convert', 'replace', 'end')),
    outcome_note   TEXT,
    decided_by     BLOB REFERENCES users (id) ON DELETE SET NULL,
    decided_at     TEXT,
    created_by     BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE onboarding_plans (
    application_id BLOB PRIMARY KEY NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    start_date     TEXT NOT NULL,
    -- The role had no scope, so the plan cannot say what the hire owns by day 90.
    missing_scope  INTEGER NOT NULL DEFAULT 0,
    created_by     BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    -- Quality of hire at day 90, on the 1-4 rubric scale so it sits beside the interview scores.
    quality_rating INTEGER CHECK (quality_rating BETWEEN 1 AND 4),
    quality_note   TEXT,
    rated_by       BLOB REFERENCES users (id) ON DELETE SET NULL,
    rated_at       TEXT
);

CREATE TABLE onboarding_tasks (
    id             BLOB PRIMARY KEY NOT NULL,
    application_id BLOB NOT NULL REFERENCES onboarding_plans (application_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    phase          INTEGER NOT NULL CHECK (phase IN (30, 60, 90)),
    due_day        INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 90),
    due_date       TEXT NOT NULL,
    owner          TEXT NOT NULL CHECK (owner IN ('hire', 'hiring_manager', 'buddy', 'team')),
    text           TEXT NOT NULL,
    done_at        TEXT,
    done_by        BLOB REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (application_id, position)
);
