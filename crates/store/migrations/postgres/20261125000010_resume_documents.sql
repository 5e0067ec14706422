-- Resume documents (issue #5): the text extracted from each resume file a candidate has, for skill
-- detection, search and the interview kit. The file itself is not kept: its text, size and hash
-- are what hireloop uses, and not keeping the binary keeps erasure and backups simple.
-- The same file (same SHA-256) uploaded again for the same candidate is the same document.
CREATE TABLE resume_documents (
    id             UUID PRIMARY KEY NOT NULL,
    candidate_id   UUID NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    file_name      TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    media_type     TEXT NOT NULL,
    bytes_len      BIGINT NOT NULL CHECK (bytes_len > 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    extracted_text TEXT NOT NULL,
    uploaded_by    UUID REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (candidate_id, sha256)
);
