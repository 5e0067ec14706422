-- Where a candidate is willing to work and whether they would relocate (issue #5: engagement
-- preferences, regions). Matching keeps candidates for on-site and hybrid roles by these. Rows
-- stored before this read as "not stated": an empty list and NULL, never "no".

-- ["remote", "hybrid", "onsite"]: any of them, JSON text like the profile's other lists.
ALTER TABLE candidates ADD COLUMN work_modes TEXT NOT NULL DEFAULT '[]';
-- 1 yes, 0 no, NULL not stated.
ALTER TABLE candidates ADD COLUMN open_to_relocation BOOLEAN;
