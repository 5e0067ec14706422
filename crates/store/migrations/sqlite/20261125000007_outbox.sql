-- Messages hireloop writes (interview invites, feedback reminders, rejections, offers). Every
-- message lands here first: viewable in the UI without a mail server, and sent from here by the
-- delivery task when SMTP is configured. `dedupe_key` makes queueing the same message twice (a
-- reminder on every tick of the reminder task) a no-op.

CREATE TABLE outbox (
    id              BLOB PRIMARY KEY NOT NULL,
    event           TEXT NOT NULL CHECK (event IN ('invite', 'reminder', 'rejection', 'offer')),
    to_address      TEXT NOT NULL,
    to_name         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    -- The iCalendar invite (RFC 5545 text) attached to the message, if any.
    ics             TEXT,
    application_id  BLOB REFERENCES applications (id) ON DELETE CASCADE,
    interview_id    BLOB REFERENCES interviews (id) ON DELETE SET NULL,
    dedupe_key      TEXT UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    -- When the delivery task may next pick the message up: after a failure (backoff) or while one
    -- server is sending it (a lease, so two servers do not send it twice).
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_application ON outbox (application_id);

-- Admins' edits of the shipped message templates (data/messages/), one per event.
CREATE TABLE message_templates (
    event      TEXT PRIMARY KEY NOT NULL CHECK (event IN ('invite', 'reminder', 'rejection', 'offer')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL
);
