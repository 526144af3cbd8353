-- The performance cycle on one indicator tree (issue 16): target tables with their review and
-- approval, monitoring rounds, the link from a self-evaluation to the approved targets, and
-- rectification items. Money and the trees live in the JSON (exact decimal strings).

CREATE TABLE target_tables (
  id serial PRIMARY KEY,
  unit_id integer NOT NULL REFERENCES units(id),
  subject text NOT NULL,
  title text NOT NULL,
  fiscal_year integer,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'reviewed', 'approved', 'returned', 'adjusting')),
  version integer NOT NULL DEFAULT 1,
  current jsonb NOT NULL,
  errors integer NOT NULL DEFAULT 0,
  warnings integer NOT NULL DEFAULT 0,
  rating text,
  -- the version approved last; while an adjustment is under way it stays the binding one
  approved_version integer,
  adjustment_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);
CREATE INDEX target_tables_unit ON target_tables (unit_id, fiscal_year);
CREATE INDEX target_tables_year_status ON target_tables (fiscal_year, status);

CREATE TABLE target_table_versions (
  target_table_id integer NOT NULL REFERENCES target_tables(id),
  version integer NOT NULL,
  status text NOT NULL,
  target_table jsonb NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  PRIMARY KEY (target_table_id, version)
);

-- the supervising department's review: a rating and comments per indicator
CREATE TABLE target_reviews (
  id serial PRIMARY KEY,
  target_table_id integer NOT NULL REFERENCES target_tables(id),
  version integer NOT NULL,
  rating text NOT NULL CHECK (rating IN ('优', '良', '中', '差')),
  comment text,
  comments jsonb NOT NULL DEFAULT '[]',
  user_id integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX target_reviews_table ON target_reviews (target_table_id, id);

CREATE TABLE monitoring_rounds (
  id serial PRIMARY KEY,
  target_table_id integer NOT NULL REFERENCES target_tables(id),
  unit_id integer NOT NULL REFERENCES units(id),
  fiscal_year integer,
  period_from integer NOT NULL,
  period_to integer NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  version integer NOT NULL DEFAULT 1,
  data jsonb NOT NULL,
  light text NOT NULL DEFAULT 'none',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);
CREATE INDEX monitoring_rounds_table ON monitoring_rounds (target_table_id);
CREATE INDEX monitoring_rounds_light ON monitoring_rounds (fiscal_year, light);

-- a self-evaluation started from approved targets
CREATE TABLE evaluation_targets (
  evaluation_id integer PRIMARY KEY REFERENCES evaluations(id),
  target_table_id integer NOT NULL REFERENCES target_tables(id),
  approved_version integer NOT NULL
);
CREATE INDEX evaluation_targets_table ON evaluation_targets (target_table_id);

CREATE TABLE rectification_items (
  id serial PRIMARY KEY,
  unit_id integer NOT NULL REFERENCES units(id),
  evaluation_id integer REFERENCES evaluations(id),
  target_table_id integer REFERENCES target_tables(id),
  fiscal_year integer,
  title text NOT NULL,
  problem text NOT NULL,
  source jsonb NOT NULL,
  owner text,
  deadline text,
  measures text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_unit ON rectification_items (unit_id, status);

-- the audit log also records changes to these objects (evaluation_id stays for evaluations)
ALTER TABLE audit_log ADD COLUMN object_type text;
ALTER TABLE audit_log ADD COLUMN object_id integer;
CREATE INDEX audit_object ON audit_log (object_type, object_id, id);
