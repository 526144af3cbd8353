// 指标值 (target / actual) parsed into a structured value. See domain.md §5.
import type { Dec } from '../model/evaluation.ts';

export type Op = '>=' | '<=' | '=' | '>' | '<';

export type ParsedValue =
  /** "≥50个", ">95%", "不低于95%", "95%以上", "906万元", "2261.73/平方米" */
  | {
      kind: 'number';
      op: Op | null;
      value: Dec;
      /** normalised unit: '%', '个', '人次', '万元', '元', '平方米', '小时', '分钟' … or null */
      unit: string | null;
      text: string;
      /** noise that was repaired, in Chinese ("计量单位重复：分钟钟") — V16 reports these */
      notes: string[];
    }
  /** "是", "健全", "较规范", "基本达成", "得到提升" */
  | {
      kind: 'qualitative';
      word: string;
      /** met 达成 / partial 部分达成 / notMet 未达成 / null when the word does not say */
      level: 'met' | 'partial' | 'notMet' | null;
      /** true for yes/no answers (是/否) */
      yesNo?: boolean;
      text: string;
    }
  /** "12月底前", "第三季度前", "按时完成", "序时", "2024年1月至5月" */
  | {
      kind: 'deadline';
      /** last month (1–12) the deadline allows, when it names one */
      month: number | null;
      year: number | null;
      /** 'onTime' for 按时/按期/及时, 'schedule' for 序时(进度), null for a date */
      relative: 'onTime' | 'schedule' | null;
      text: string;
    }
  | { kind: 'empty'; text: string }
  /** anything else: kept as text and reported, never guessed */
  | { kind: 'text'; text: string };
