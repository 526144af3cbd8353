// The tables of migrations/*.sql described for drizzle (typed queries). The SQL files are the
// source of truth for the database; keep this file in step when adding a migration.
import { boolean, customType, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const roles = pgTable('roles', { id: text('id').primaryKey(), label: text('label').notNull() });

export const units = pgTable('units', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  parentId: integer('parent_id'),
  kind: text('kind').notNull(),
  path: text('path').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  unitId: integer('unit_id'),
  disabled: boolean('disabled').notNull(),
  createdAt: ts('created_at').notNull(),
  passwordChangedAt: ts('password_changed_at').notNull(),
  mustChangePassword: boolean('must_change_password'),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: ts('last_failure_at').notNull(),
});

export const sourceFiles = pgTable('source_files', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytea('bytes'),
  path: text('path'),
  uploadedBy: integer('uploaded_by'),
  createdAt: ts('created_at').notNull(),
});

export const evaluations = pgTable('evaluations', {
  id: serial('id').primaryKey(),
  unitId: integer('unit_id').notNull(),
  subject: text('subject').notNull(),
  title: text('title').notNull(),
  fiscalYear: integer('fiscal_year'),
  status: text('status').notNull(),
  version: integer('version').notNull(),
  ruleset: text('ruleset').notNull(),
  framework: text('framework'),
  total: numeric('total'),
  grade: text('grade'),
  gradeLabel: text('grade_label'),
  executionRate: numeric('execution_rate'),
  errors: integer('errors').notNull(),
  warnings: integer('warnings').notNull(),
  infos: integer('infos').notNull(),
  current: jsonb('current').notNull(),
  sourceFileId: integer('source_file_id'),
  importFileId: integer('import_file_id'),
  lastSubmittedVersion: integer('last_submitted_version'),
  createdAt: ts('created_at').notNull(),
  createdBy: integer('created_by'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: integer('updated_by'),
});

export const evaluationVersions = pgTable(
  'evaluation_versions',
  {
    evaluationId: integer('evaluation_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    evaluation: jsonb('evaluation').notNull(),
    createdAt: ts('created_at').notNull(),
    createdBy: integer('created_by'),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.version] })],
);

export const indicators = pgTable(
  'indicators',
  {
    evaluationId: integer('evaluation_id').notNull(),
    indicatorId: text('indicator_id').notNull(),
    parentId: text('parent_id'),
    level: integer('level').notNull(),
    path: text('path').notNull(),
    name: text('name').notNull(),
    kind: text('kind'),
    target: text('target'),
    actual: text('actual'),
    weight: numeric('weight'),
    statedScore: numeric('stated_score'),
    score: numeric('score'),
    method: text('method'),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.indicatorId] })],
);

export const findings = pgTable('findings', {
  id: serial('id').primaryKey(),
  evaluationId: integer('evaluation_id').notNull(),
  rule: text('rule').notNull(),
  code: text('code').notNull(),
  severity: text('severity').notNull(),
  message: text('message').notNull(),
  indicatorId: text('indicator_id'),
  field: text('field'),
});

export const comments = pgTable('comments', {
  id: serial('id').primaryKey(),
  evaluationId: integer('evaluation_id').notNull(),
  indicatorId: text('indicator_id'),
  field: text('field'),
  text: text('text').notNull(),
  kind: text('kind').notNull(),
  userId: integer('user_id'),
  createdAt: ts('created_at').notNull(),
});

export const auditLog = pgTable('audit_log', {
  id: serial('id').primaryKey(),
  at: ts('at').notNull(),
  userId: integer('user_id'),
  username: text('username'),
  evaluationId: integer('evaluation_id'),
  unitId: integer('unit_id'),
  action: text('action').notNull(),
  field: text('field'),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  objectType: text('object_type'),
  objectId: integer('object_id'),
});

export const importJobs = pgTable('import_jobs', {
  id: serial('id').primaryKey(),
  status: text('status').notNull(),
  unitId: integer('unit_id'),
  createdBy: integer('created_by'),
  total: integer('total').notNull(),
  done: integer('done').notNull(),
  error: text('error'),
  claimedBy: text('claimed_by'),
  heartbeatAt: ts('heartbeat_at'),
  createdAt: ts('created_at').notNull(),
  finishedAt: ts('finished_at'),
});

export const importFiles = pgTable('import_files', {
  id: serial('id').primaryKey(),
  jobId: integer('job_id').notNull(),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  sourceFileId: integer('source_file_id').notNull(),
  status: text('status').notNull(),
  error: text('error'),
  evaluationIds: jsonb('evaluation_ids').notNull(),
  problems: integer('problems').notNull(),
});

// 0004: the performance cycle (targets, monitoring, rectification)
export const targetTables = pgTable('target_tables', {
  id: serial('id').primaryKey(),
  unitId: integer('unit_id').notNull(),
  subject: text('subject').notNull(),
  title: text('title').notNull(),
  fiscalYear: integer('fiscal_year'),
  status: text('status').notNull(),
  version: integer('version').notNull(),
  current: jsonb('current').notNull(),
  errors: integer('errors').notNull(),
  warnings: integer('warnings').notNull(),
  rating: text('rating'),
  approvedVersion: integer('approved_version'),
  adjustmentReason: text('adjustment_reason'),
  createdAt: ts('created_at').notNull(),
  createdBy: integer('created_by'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: integer('updated_by'),
});

export const targetTableVersions = pgTable(
  'target_table_versions',
  {
    targetTableId: integer('target_table_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    targetTable: jsonb('target_table').notNull(),
    reason: text('reason'),
    createdAt: ts('created_at').notNull(),
    createdBy: integer('created_by'),
  },
  (t) => [primaryKey({ columns: [t.targetTableId, t.version] })],
);

export const targetReviews = pgTable('target_reviews', {
  id: serial('id').primaryKey(),
  targetTableId: integer('target_table_id').notNull(),
  version: integer('version').notNull(),
  rating: text('rating').notNull(),
  comment: text('comment'),
  comments: jsonb('comments').notNull(),
  userId: integer('user_id'),
  createdAt: ts('created_at').notNull(),
});

export const monitoringRounds = pgTable('monitoring_rounds', {
  id: serial('id').primaryKey(),
  targetTableId: integer('target_table_id').notNull(),
  unitId: integer('unit_id').notNull(),
  fiscalYear: integer('fiscal_year'),
  periodFrom: integer('period_from').notNull(),
  periodTo: integer('period_to').notNull(),
  status: text('status').notNull(),
  version: integer('version').notNull(),
  data: jsonb('data').notNull(),
  light: text('light').notNull(),
  createdAt: ts('created_at').notNull(),
  createdBy: integer('created_by'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: integer('updated_by'),
});

export const evaluationTargets = pgTable('evaluation_targets', {
  evaluationId: integer('evaluation_id').primaryKey(),
  targetTableId: integer('target_table_id').notNull(),
  approvedVersion: integer('approved_version').notNull(),
});

export const rectificationItems = pgTable('rectification_items', {
  id: serial('id').primaryKey(),
  unitId: integer('unit_id').notNull(),
  evaluationId: integer('evaluation_id'),
  targetTableId: integer('target_table_id'),
  fiscalYear: integer('fiscal_year'),
  title: text('title').notNull(),
  problem: text('problem').notNull(),
  source: jsonb('source').notNull(),
  owner: text('owner'),
  deadline: text('deadline'),
  measures: text('measures'),
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull(),
  createdBy: integer('created_by'),
  updatedAt: ts('updated_at').notNull(),
});

/** every table in dependency order (backup writes and restore reads in this order) */
export const importHeld = pgTable('import_held', {
  id: serial('id').primaryKey(),
  jobId: integer('job_id').notNull(),
  importFileId: integer('import_file_id').notNull(),
  reason: text('reason').notNull(),
  evaluation: jsonb('evaluation').notNull(),
  unitName: text('unit_name'),
  candidates: jsonb('candidates').notNull(),
  unitId: integer('unit_id'),
  duplicateOf: integer('duplicate_of'),
  identical: boolean('identical').notNull(),
  resolution: text('resolution'),
  evaluationId: integer('evaluation_id'),
  resolvedBy: integer('resolved_by'),
  resolvedAt: ts('resolved_at'),
});

export const TABLE_ORDER = [
  'roles',
  'units',
  'users',
  'sessions',
  'login_throttle',
  'source_files',
  'evaluations',
  'evaluation_versions',
  'indicators',
  'findings',
  'comments',
  'audit_log',
  'import_jobs',
  'import_files',
  'target_tables',
  'target_table_versions',
  'target_reviews',
  'monitoring_rounds',
  'evaluation_targets',
  'rectification_items',
  'import_held',
] as const;
