-- Province scale (issue 17): reads that do not grow with the table, saves that write what changed.

-- The list pages by keyset on (updated_at DESC, id DESC) within a year and status; the old
-- (fiscal_year, status) index is this one's prefix.
CREATE INDEX evaluations_year_status_updated ON evaluations (fiscal_year, status, updated_at DESC, id DESC);
DROP INDEX evaluations_year_status;
CREATE INDEX evaluations_unit_updated ON evaluations (unit_id, updated_at DESC, id DESC);

-- A version is stored whole (`evaluation`) or as the change from the version before (`patch`,
-- evaluations/patch.ts); every tenth version and every workflow step are whole.
ALTER TABLE evaluation_versions ALTER COLUMN evaluation DROP NOT NULL;
ALTER TABLE evaluation_versions ADD COLUMN patch jsonb;

-- Findings counted by rule on the evaluation row, so the aggregates below follow a save without
-- reading the findings table (NULL in rows restored from an older backup until jixiao_rebuild_stats()).
ALTER TABLE evaluations ADD COLUMN rule_counts jsonb DEFAULT '{}';

-- Aggregates for the dashboard, the list's total and the coverage table, kept up to date by a
-- trigger on evaluations. Each evaluation counts at every unit of its path (unit, department,
-- finance bureau), so one scope's figures are the few rows of one node. Rows are only ever
-- appended (+1 / −1, no row is updated, so concurrent saves never wait on each other); readers sum
-- them, and a node's rows are folded into one per key when they pile up (compactStats()).
-- Buckets: execution rate by 10 % (0..12, 120 % and above in 12), total by 5 points (0..20), so
-- the 可能虚高 zone (total ≥ 95, rate < 80 %) is exactly total_bucket ≥ 19 and rate_bucket < 8.
CREATE TABLE evaluation_stats (
  node_id integer NOT NULL,
  fiscal_year integer,
  subject text NOT NULL,
  status text NOT NULL,
  grade text,
  rate_bucket integer,
  total_bucket integer,
  n integer NOT NULL
);
CREATE INDEX evaluation_stats_node ON evaluation_stats (node_id, fiscal_year);

CREATE TABLE rule_stats (
  node_id integer NOT NULL,
  fiscal_year integer,
  subject text NOT NULL,
  status text NOT NULL,
  grade text,
  rule text NOT NULL,
  n integer NOT NULL
);
CREATE INDEX rule_stats_node ON rule_stats (node_id, fiscal_year);

CREATE FUNCTION jixiao_rate_bucket(r numeric) RETURNS integer IMMUTABLE LANGUAGE sql AS
  $$ SELECT CASE WHEN r IS NULL THEN NULL ELSE least(greatest(floor(r / 10), 0), 12)::integer END $$;
CREATE FUNCTION jixiao_total_bucket(t numeric) RETURNS integer IMMUTABLE LANGUAGE sql AS
  $$ SELECT CASE WHEN t IS NULL THEN NULL ELSE least(greatest(floor(t / 5), 0), 20)::integer END $$;
-- the unit and the units above it, from its path '/1/4/9/'
CREATE FUNCTION jixiao_unit_nodes(u integer) RETURNS integer[] STABLE LANGUAGE sql AS
  $$ SELECT array_agg(x::integer) FROM units, unnest(string_to_array(trim(both '/' from path), '/')) AS x WHERE id = u AND path <> '' $$;

CREATE FUNCTION jixiao_track_stats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  same_key boolean := false;
  o_nodes integer[];
  n_nodes integer[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    same_key := OLD.unit_id = NEW.unit_id AND OLD.fiscal_year IS NOT DISTINCT FROM NEW.fiscal_year
      AND OLD.subject = NEW.subject AND OLD.status = NEW.status AND OLD.grade IS NOT DISTINCT FROM NEW.grade
      AND jixiao_rate_bucket(OLD.execution_rate) IS NOT DISTINCT FROM jixiao_rate_bucket(NEW.execution_rate)
      AND jixiao_total_bucket(OLD.total) IS NOT DISTINCT FROM jixiao_total_bucket(NEW.total);
    IF same_key AND OLD.rule_counts IS NOT DISTINCT FROM NEW.rule_counts THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN o_nodes := jixiao_unit_nodes(OLD.unit_id); END IF;
  IF TG_OP <> 'DELETE' THEN n_nodes := jixiao_unit_nodes(NEW.unit_id); END IF;
  IF same_key THEN
    -- only the findings changed: their difference by rule
    INSERT INTO rule_stats (node_id, fiscal_year, subject, status, grade, rule, n)
    SELECT nd, NEW.fiscal_year, NEW.subject, NEW.status, NEW.grade, d.rule, d.n
    FROM unnest(n_nodes) AS nd,
      (SELECT coalesce(a.key, b.key) AS rule, coalesce(b.value::integer, 0) - coalesce(a.value::integer, 0) AS n
       FROM jsonb_each_text(coalesce(OLD.rule_counts, '{}')) a FULL JOIN jsonb_each_text(coalesce(NEW.rule_counts, '{}')) b ON a.key = b.key) d
    WHERE d.n <> 0;
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO evaluation_stats (node_id, fiscal_year, subject, status, grade, rate_bucket, total_bucket, n)
    SELECT nd, OLD.fiscal_year, OLD.subject, OLD.status, OLD.grade, jixiao_rate_bucket(OLD.execution_rate), jixiao_total_bucket(OLD.total), -1
    FROM unnest(o_nodes) AS nd;
    INSERT INTO rule_stats (node_id, fiscal_year, subject, status, grade, rule, n)
    SELECT nd, OLD.fiscal_year, OLD.subject, OLD.status, OLD.grade, r.key, -(r.value::integer)
    FROM unnest(o_nodes) AS nd, jsonb_each_text(coalesce(OLD.rule_counts, '{}')) r;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO evaluation_stats (node_id, fiscal_year, subject, status, grade, rate_bucket, total_bucket, n)
    SELECT nd, NEW.fiscal_year, NEW.subject, NEW.status, NEW.grade, jixiao_rate_bucket(NEW.execution_rate), jixiao_total_bucket(NEW.total), 1
    FROM unnest(n_nodes) AS nd;
    INSERT INTO rule_stats (node_id, fiscal_year, subject, status, grade, rule, n)
    SELECT nd, NEW.fiscal_year, NEW.subject, NEW.status, NEW.grade, r.key, r.value::integer
    FROM unnest(n_nodes) AS nd, jsonb_each_text(coalesce(NEW.rule_counts, '{}')) r;
  END IF;
  RETURN NULL;
END;
$$;

-- everything recounted from the evaluations and their findings (here, and after a restore)
CREATE FUNCTION jixiao_rebuild_stats() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE evaluations e SET rule_counts = coalesce(r.c, '{}')
  FROM evaluations e2 LEFT JOIN (SELECT evaluation_id, jsonb_object_agg(rule, n) AS c
        FROM (SELECT evaluation_id, rule, count(*)::int AS n FROM findings GROUP BY evaluation_id, rule) x
        GROUP BY evaluation_id) r ON r.evaluation_id = e2.id
  WHERE e2.id = e.id AND e.rule_counts IS DISTINCT FROM coalesce(r.c, '{}');
  DELETE FROM evaluation_stats;
  DELETE FROM rule_stats;
  INSERT INTO evaluation_stats (node_id, fiscal_year, subject, status, grade, rate_bucket, total_bucket, n)
  SELECT nd, e.fiscal_year, e.subject, e.status, e.grade, jixiao_rate_bucket(e.execution_rate), jixiao_total_bucket(e.total), count(*)::integer
  FROM evaluations e, unnest(jixiao_unit_nodes(e.unit_id)) AS nd
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO rule_stats (node_id, fiscal_year, subject, status, grade, rule, n)
  SELECT nd, e.fiscal_year, e.subject, e.status, e.grade, r.key, sum(r.value::integer)::integer
  FROM evaluations e, unnest(jixiao_unit_nodes(e.unit_id)) AS nd, jsonb_each_text(e.rule_counts) r
  GROUP BY 1, 2, 3, 4, 5, 6;
END;
$$;
SELECT jixiao_rebuild_stats();

CREATE TRIGGER evaluations_stats AFTER INSERT OR UPDATE OR DELETE ON evaluations
  FOR EACH ROW EXECUTE FUNCTION jixiao_track_stats();

-- the 可能虚高 evaluations themselves, newest first, for the dashboard's list of them
CREATE INDEX evaluations_inflated ON evaluations (fiscal_year, updated_at DESC, id DESC) WHERE total >= 95 AND execution_rate < 80;

-- unit pickers search by name
CREATE INDEX units_kind_name ON units (kind, name, id);
