-- Interviews of an application, who sits on each panel, and each interviewer's feedback
-- (a scorecard of one interview). Feedback is a JSON document of the core `Feedback`; a row with
-- submitted_at NULL is a draft, private to its author, and a submitted one never changes.

CREATE TABLE interviews (
    id               UUID PRIMARY KEY NOT NULL,
    application_id   UUID NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    stage_kind       TEXT NOT NULL CHECK (stage_kind IN ('resume_screen', 'screening', 'take_home', 'work_sample',
                                                         'pair_programming', 'technical', 'system_design', 'algorithms',
                                                         'behavioural', 'hiring_manager', 'references', 'trial')),
    -- A JSON array of competency ids, e.g. ["api_design","testing"].
    competencies     TEXT NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    -- starts_at + duration, kept so "ended before" is a plain comparison on both databases.
    ends_at          TIMESTAMPTZ NOT NULL,
    location         TEXT,
    status           TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    created_by       UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX interviews_application ON interviews (application_id, starts_at);
CREATE INDEX interviews_status_ends ON interviews (status, ends_at);

CREATE TABLE interview_participants (
    interview_id UUID NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (interview_id, user_id)
);
CREATE INDEX interview_participants_user ON interview_participants (user_id);

CREATE TABLE interview_feedback (
    id             UUID PRIMARY KEY NOT NULL,
    interview_id   UUID NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    application_id UUID NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body           TEXT NOT NULL,
    recommendation TEXT NOT NULL CHECK (recommendation IN ('strong_no', 'no', 'yes', 'strong_yes')),
    submitted_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (interview_id, author_id)
);
CREATE INDEX interview_feedback_application ON interview_feedback (application_id);
