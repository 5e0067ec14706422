-- Market data files an admin uploaded: each replaces the shipped file of the same name, or adds to
-- the shipped set. The server checks a file against the whole dataset before it is stored here.

CREATE TABLE market_files (
    name        TEXT PRIMARY KEY NOT NULL,
    content     TEXT NOT NULL,
    uploaded_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at TEXT NOT NULL
);
