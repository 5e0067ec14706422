-- Candidate contact and place (issue #5): a phone number, the country and city as structured
-- fields, and years of professional work. All optional; the free-text `location` stays as it is.

-- As entered, tidied ("+381 64 123 4567").
ALTER TABLE candidates ADD COLUMN phone TEXT;
-- Digits only, with the country calling code when known ("381641234567"): imports and the
-- duplicate check look candidates up by it.
ALTER TABLE candidates ADD COLUMN phone_key TEXT;
-- ISO 3166 alpha-2, upper case.
ALTER TABLE candidates ADD COLUMN country TEXT CHECK (country IS NULL OR length(country) = 2);
ALTER TABLE candidates ADD COLUMN city TEXT;
-- Years of work from dated work entries, overlapping jobs counted once; NULL when unknown.
ALTER TABLE candidates ADD COLUMN experience_years REAL
    CHECK (experience_years IS NULL OR (experience_years >= 0 AND experience_years <= 60));

CREATE INDEX candidates_phone_key ON candidates (phone_key);
