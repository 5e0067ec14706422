-- A role's scorecard, as its canonical role-as-code TOML (docs/role-as-code.md): exporting a role
-- gives back exactly what is stored. NULL while the role has none.

ALTER TABLE roles ADD COLUMN scorecard TEXT;
ALTER TABLE roles ADD COLUMN scorecard_updated_at TEXT;
