-- Imports ask instead of guessing: an evaluation whose unit is not found in the unit tree, or that
-- repeats one already there (same unit, year, kind and title), is held here until the reviewer
-- places it, updates the existing one, keeps both or skips it. Comments may name one cell (field)
-- of an indicator row.
CREATE TABLE import_held (
  id serial PRIMARY KEY,
  job_id integer NOT NULL REFERENCES import_jobs(id),
  import_file_id integer NOT NULL REFERENCES import_files(id),
  reason text NOT NULL CHECK (reason IN ('unknown-unit', 'duplicate')),
  evaluation jsonb NOT NULL,
  unit_name text,
  candidates jsonb NOT NULL DEFAULT '[]',
  unit_id integer REFERENCES units(id),
  duplicate_of integer REFERENCES evaluations(id),
  identical boolean NOT NULL DEFAULT false,
  resolution text CHECK (resolution IN ('placed', 'updated', 'kept', 'skipped')),
  evaluation_id integer REFERENCES evaluations(id),
  resolved_by integer REFERENCES users(id),
  resolved_at timestamptz
);
CREATE INDEX import_held_job ON import_held (job_id, id);
CREATE INDEX evaluations_same ON evaluations (unit_id, title);

ALTER TABLE comments ADD COLUMN field text;
