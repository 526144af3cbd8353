// The lifecycle settings of a ruleset: the monitoring round's period and traffic-light thresholds, and
// the budget consequence of each grade (结果应用). National defaults with their sources; a ruleset that
// says something about them changes them (吉林: the 30% stage deviation; 四川: execution below 90%;
// 达州: the L3 consequences). Kept beside the ruleset files, read from the ruleset's own settings where
// it has them, so that a province's file still writes only what it changes.
import type { Grade } from '../model/evaluation.ts';
import type { Ruleset } from '../model/ruleset.ts';
import { D, str } from '../decimal.ts';

export interface Consequence {
  grade: Grade;
  /** 优先保障 / 合理保障 / 按比例压减 / 取消或暂停 … */
  action: string;
  /** a share of next year's budget to cut, when the source names one */
  cut?: string | null;
  source: string;
}

export interface LifecycleSettings {
  ruleset: string;
  monitoring: {
    /** months of the round: 1–7月 by default */
    period: { from: number; to: number };
    /** an indicator's expected year-end value falling short of its target by more than this share is red */
    redShortfall: string;
    /** …by more than this share is yellow */
    yellowShortfall: string;
    /** the funds' execution rate below 序时进度 by more than this many percentage points is yellow */
    fundsYellowGap: string;
    /** the expected year-end execution rate below this share is red */
    fundsRedYearEnd: string;
    sources: string[];
  };
  consequences: Consequence[];
}

const NATIONAL_SOURCES = [
  'N5 [R] 财预〔2019〕136号：8 月汇总 1–7 月预算执行和绩效目标完成情况；偏差原因分经费、制度、人员、硬件条件保障、其他；完成目标可能性分确定能、有可能、完全不可能（完全不可能为红灯）',
  'N6 [V] 中发〔2018〕34号（焦作）双监控：发现偏差及时预警纠偏，问题严重的暂缓或停止拨款',
  'P13 [V] 吉林 2024：1–7 月执行率为 0，或阶段完成值偏离目标超过 30% 的须说明原因（全国默认取 30% 为红灯、10% 为黄灯，系统约定 [I]）',
  '四川 2023 [V]：执行率低于 90% 须说明原因（全国默认：预计全年执行率低于 90% 为红灯，系统约定 [I]）',
];

export const NATIONAL_CONSEQUENCES: Consequence[] = [
  { grade: 'excellent', action: '优先保障下年度预算', source: 'N6 中发〔2018〕34号：绩效好的政策和项目原则上优先保障' },
  { grade: 'good', action: '予以支持，合理保障', source: 'N1 财预〔2020〕10号：优、良的予以支持' },
  { grade: 'fair', action: '督促整改，可相应压减下年度预算', source: 'N1 财预〔2020〕10号：中、差的完善政策、改进管理，可相应调减预算' },
  { grade: 'poor', action: '削减或取消下年度预算', source: 'N6 中发〔2018〕34号：低效无效资金一律削减或取消；N1 财预〔2020〕10号' },
];

const DAZHOU_CONSEQUENCES: Consequence[] = [
  { grade: 'excellent', action: '优先保障下年度预算', source: 'L3 [V] 达州 结果应用：优 优先保障' },
  { grade: 'good', action: '合理保障下年度预算', source: 'L3 [V] 达州 结果应用：良 合理保障' },
  { grade: 'fair', action: '按比例压减下年度预算', source: 'L3 [V] 达州 结果应用：中 按比例压减' },
  { grade: 'poor', action: '取消或暂停下年度预算', source: 'L3 [V] 达州 结果应用：差 取消或暂停下年预算' },
];

const BY_RULESET: Record<string, Partial<Pick<LifecycleSettings, 'consequences'>>> = {
  'sichuan-dazhou': { consequences: DAZHOU_CONSEQUENCES },
};

export function lifecycleSettings(ruleset?: Ruleset | null): LifecycleSettings {
  const s: LifecycleSettings = {
    ruleset: ruleset?.id ?? 'national',
    monitoring: {
      period: { from: 1, to: 7 },
      redShortfall: '0.3',
      yellowShortfall: '0.1',
      fundsYellowGap: '10',
      fundsRedYearEnd: '0.9',
      sources: [...NATIONAL_SOURCES],
    },
    consequences: NATIONAL_CONSEQUENCES,
  };
  if (!ruleset) return s;
  const dev = ruleset.explanations?.monitoringDeviationAbove;
  if (dev) {
    s.monitoring.redShortfall = dev;
    s.monitoring.sources.push(`${ruleset.name}：阶段完成值偏离目标超过 ${str(D(dev).times(100))}% 为红灯`);
  }
  const exec = ruleset.explanations?.executionBelow;
  if (exec) {
    s.monitoring.fundsRedYearEnd = exec;
    s.monitoring.sources.push(`${ruleset.name}：预计全年执行率低于 ${str(D(exec).times(100))}% 为红灯`);
  }
  Object.assign(s, BY_RULESET[ruleset.id] ?? {});
  return s;
}

/** The budget consequence a grade suggests under the ruleset (结果应用). */
export function consequenceOf(grade: Grade | null | undefined, settings: LifecycleSettings): Consequence | null {
  if (!grade) return null;
  return settings.consequences.find((c) => c.grade === grade) ?? null;
}
