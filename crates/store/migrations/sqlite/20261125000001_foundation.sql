-- The foundation schema: users and their credentials, roles, candidates, applications and their
-- stage history. Ids are UUIDv7 stored as 16-byte blobs (they sort by creation time); timestamps are
-- UTC, stored by sqlx as RFC 3339 text.

CREATE TABLE users (
    id            BLOB PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'recruiter', 'hiring_manager', 'interviewer')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           BLOB PRIMARY KEY NOT NULL,
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE roles (
    id                BLOB PRIMARY KEY NOT NULL,
    title             TEXT NOT NULL,
    level             TEXT NOT NULL CHECK (level IN ('junior', 'mid', 'senior')),
    primary_language  TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('draft', 'open', 'on_hold', 'filled', 'closed')),
    hiring_manager_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE candidates (
    id            BLOB PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    location      TEXT,
    region        TEXT CHECK (region IN ('united_states', 'canada', 'western_europe', 'latin_america', 'eastern_europe', 'asia')),
    -- A JSON array of normalised skill tags; the matching engine indexes them in process.
    skills        TEXT NOT NULL DEFAULT '[]',
    rate_amount   INTEGER,
    rate_currency TEXT,
    rate_period   TEXT CHECK (rate_period IN ('hour', 'year')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((rate_amount IS NULL) = (rate_currency IS NULL) AND (rate_amount IS NULL) = (rate_period IS NULL))
);

CREATE TABLE applications (
    id           BLOB PRIMARY KEY NOT NULL,
    role_id      BLOB NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    candidate_id BLOB NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    stage        TEXT NOT NULL CHECK (stage IN ('sourced', 'screening', 'take_home', 'technical', 'system_design',
                                                'final', 'offer', 'hired', 'rejected', 'withdrawn')),
    stage_reason TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (role_id, candidate_id)
);
CREATE INDEX applications_role_stage ON applications (role_id, stage);
CREATE INDEX applications_candidate ON applications (candidate_id);

-- Every stage change, kept: the raw material of funnel and time-to-hire analytics.
CREATE TABLE stage_changes (
    id             BLOB PRIMARY KEY NOT NULL,
    application_id BLOB NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    from_stage     TEXT,
    to_stage       TEXT NOT NULL,
    reason         TEXT,
    actor_id       BLOB REFERENCES users (id) ON DELETE SET NULL,
    at             TEXT NOT NULL
);
CREATE INDEX stage_changes_application ON stage_changes (application_id);

-- Who interviews which application; interviewers see only these.
CREATE TABLE interview_assignments (
    application_id BLOB NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    user_id        BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (application_id, user_id)
);
CREATE INDEX interview_assignments_user ON interview_assignments (user_id);

-- Small facts about this installation, e.g. that demo data was loaded.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
