import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, scoredOf } from '../fixtures.ts';
import { conflictingScores, projectKey } from './conflicting-scores.ts';

const item = (title: string, statedTotal: string, subject: 'project' | 'department' = 'project') => {
  const evaluation = build({ title, statedTotal, subject });
  return { evaluation, scored: scoredOf(evaluation) };
};

test('V21 (S1): 特聘岗位项目 98.6 in the evaluation report and 特聘岗位项目经费 98.8 in its 自评表 conflict', () => {
  assert.equal(projectKey('特聘岗位项目'), projectKey('特聘岗位项目经费'));
  const f = conflictingScores.run([item('特聘岗位项目', '98.6'), item('海创扶持资金', '85'), item('特聘岗位项目经费', '98.8')]);
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].message, '“特聘岗位项目经费”在本表中得分98.8，而同一文件中“特聘岗位项目”得分98.6');
  assert.equal(f[0].where.evaluationIndex, 2);
});

test('V21 (S1): the same score twice, different projects, or a department beside a project pass', () => {
  assert.deepEqual(conflictingScores.run([item('特聘岗位项目', '98.6'), item('2021年特聘岗位项目经费', '98.60')]), []);
  assert.deepEqual(conflictingScores.run([item('北京海外学人中心办公场地租赁费', '96.5'), item('北京海外学人中心服务大厅项目经费', '97.8')]), []);
  assert.deepEqual(conflictingScores.run([item('北京海外学人中心', '95.47', 'department'), item('北京海外学人中心', '96', 'project')]), []);
});
