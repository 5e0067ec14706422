-- Offers with every version kept, trials with their one-time outcome, and 30/60/90-day onboarding
-- plans with their tasks and the 90-day quality-of-hire rating (issue 6).

-- An offer's current status and version; the terms themselves live in offer_versions. An
-- application may get a new offer once the previous one is final (declined, withdrawn).
CREATE TABLE offers (
    id             UUID PRIMARY KEY NOT NULL,
    application_id UUID NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'accepted', 'declined', 'withdrawn')),
    version        BIGINT NOT NULL CHECK (version >= 1),
    created_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX offers_application ON offers (application_id);

-- Append-only: every edit and every status change adds a row; nothing is overwritten.
CREATE TABLE offer_versions (
    offer_id UUID NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    version  BIGINT NOT NULL,
    -- The offer as JSON (compensation, engagement, start date, checklist, conversion, status).
    body     TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'accepted', 'declined', 'withdrawn')),
    actor_id UUID REFERENCES users (id) ON DELETE SET NULL,
    note     TEXT,
    at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (offer_id, version)
);

CREATE TABLE trials (
    id             UUID PRIMARY KEY NOT NULL,
    application_id UUID NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    start_date     DATE NOT NULL,
    end_date       DATE NOT NULL,
    -- A JSON array of the goals the trial should show.
    goals          TEXT NOT NULL,
    outcome        TEXT CHECK (outcome IN ('convert', 'replace', 'end')),
    outcome_note   TEXT,
    decided_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    decided_at     TIMESTAMPTZ,
    created_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE onboarding_plans (
    application_id UUID PRIMARY KEY NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    start_date     DATE NOT NULL,
    -- The role had no scope, so the plan cannot say what the hire owns by day 90.
    missing_scope  BOOLEAN NOT NULL DEFAULT FALSE,
    created_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    -- Quality of hire at day 90, on the 1-4 rubric scale so it sits beside the interview scores.
    quality_rating BIGINT CHECK (quality_rating BETWEEN 1 AND 4),
    quality_note   TEXT,
    rated_by       UUID REFERENCES users (id) ON DELETE SET NULL,
    rated_at       TIMESTAMPTZ
);

CREATE TABLE onboarding_tasks (
    id             UUID PRIMARY KEY NOT NULL,
    application_id UUID NOT NULL REFERENCES onboarding_plans (application_id) ON DELETE CASCADE,
    position       BIGINT NOT NULL,
    phase          BIGINT NOT NULL CHECK (phase IN (30, 60, 90)),
    due_day        BIGINT NOT NULL CHECK (due_day BETWEEN 1 AND 90),
    due_date       DATE NOT NULL,
    owner          TEXT NOT NULL CHECK (owner IN ('hire', 'hiring_manager', 'buddy', 'team')),
    text           TEXT NOT NULL,
    done_at        TIMESTAMPTZ,
    done_by        UUID REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (application_id, position)
);
