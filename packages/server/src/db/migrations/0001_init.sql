-- jixiao schema v1. Plain PostgreSQL that PGlite runs unchanged.
-- Money, rates, weights and scores are NUMERIC (read back as strings).

CREATE TABLE roles (
  id text PRIMARY KEY,
  label text NOT NULL
);
INSERT INTO roles (id, label) VALUES
  ('filler', '填报人'), ('reviewer', '审核人'), ('finance', '财政'), ('admin', '管理员');

-- finance bureau → supervising department → unit; path = '/1/4/9/' for scope checks by prefix
CREATE TABLE units (
  id serial PRIMARY KEY,
  name text NOT NULL,
  parent_id integer REFERENCES units(id),
  kind text NOT NULL CHECK (kind IN ('finance', 'department', 'unit')),
  path text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_path ON units (path text_pattern_ops);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  role text NOT NULL REFERENCES roles(id),
  unit_id integer REFERENCES units(id),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

-- id is the sha256 of the cookie token, never the token itself
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- login throttling lives in the database so several processes share it
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE source_files (
  id serial PRIMARY KEY,
  name text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea,
  path text,
  uploaded_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evaluations (
  id serial PRIMARY KEY,
  unit_id integer NOT NULL REFERENCES units(id),
  subject text NOT NULL,
  title text NOT NULL,
  fiscal_year integer,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
  version integer NOT NULL DEFAULT 1,
  ruleset text NOT NULL DEFAULT 'national',
  framework text,
  total numeric,
  grade text,
  grade_label text,
  execution_rate numeric,
  errors integer NOT NULL DEFAULT 0,
  warnings integer NOT NULL DEFAULT 0,
  infos integer NOT NULL DEFAULT 0,
  current jsonb NOT NULL,
  source_file_id integer REFERENCES source_files(id),
  import_file_id integer,
  last_submitted_version integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);
CREATE INDEX evaluations_unit ON evaluations (unit_id, fiscal_year);
CREATE INDEX evaluations_year_status ON evaluations (fiscal_year, status);
CREATE INDEX evaluations_updated ON evaluations (updated_at DESC, id DESC);

CREATE TABLE evaluation_versions (
  evaluation_id integer NOT NULL REFERENCES evaluations(id),
  version integer NOT NULL,
  status text NOT NULL,
  evaluation jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  PRIMARY KEY (evaluation_id, version)
);

-- the indicator tree in columns, rewritten on every save, for analysis across evaluations
CREATE TABLE indicators (
  evaluation_id integer NOT NULL REFERENCES evaluations(id),
  indicator_id text NOT NULL,
  parent_id text,
  level integer NOT NULL,
  path text NOT NULL,
  name text NOT NULL,
  kind text,
  target text,
  actual text,
  weight numeric,
  stated_score numeric,
  score numeric,
  method text,
  PRIMARY KEY (evaluation_id, indicator_id)
);

CREATE TABLE findings (
  id serial PRIMARY KEY,
  evaluation_id integer NOT NULL REFERENCES evaluations(id),
  rule text NOT NULL,
  code text NOT NULL,
  severity text NOT NULL,
  message text NOT NULL,
  indicator_id text,
  field text
);
CREATE INDEX findings_evaluation ON findings (evaluation_id);
CREATE INDEX findings_rule ON findings (rule);

CREATE TABLE comments (
  id serial PRIMARY KEY,
  evaluation_id integer NOT NULL REFERENCES evaluations(id),
  indicator_id text,
  text text NOT NULL,
  kind text NOT NULL DEFAULT 'comment',
  user_id integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_evaluation ON comments (evaluation_id);

CREATE TABLE audit_log (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id integer REFERENCES users(id),
  username text,
  evaluation_id integer,
  unit_id integer,
  action text NOT NULL,
  field text,
  old_value text,
  new_value text
);
CREATE INDEX audit_evaluation ON audit_log (evaluation_id, id);

-- append-only: rows may be inserted, never changed or removed
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE import_jobs (
  id serial PRIMARY KEY,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  unit_id integer REFERENCES units(id),
  created_by integer REFERENCES users(id),
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  error text,
  claimed_by text,
  heartbeat_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX import_jobs_status ON import_jobs (status, id);

CREATE TABLE import_files (
  id serial PRIMARY KEY,
  job_id integer NOT NULL REFERENCES import_jobs(id),
  position integer NOT NULL,
  name text NOT NULL,
  source_file_id integer NOT NULL REFERENCES source_files(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ok', 'error')),
  error text,
  evaluation_ids jsonb NOT NULL DEFAULT '[]',
  problems integer NOT NULL DEFAULT 0
);
CREATE INDEX import_files_job ON import_files (job_id, position);
