#!/usr/bin/env node
// The `jixiao` command. Every subcommand calls the pipeline; none re-implements a step.
import { argv, exit, stdout, stderr } from 'node:process';

const HELP = `jixiao — 预算绩效自评：导入、评分、审核、出具报告

用法：
  jixiao check <文件或文件夹…> [--json | --jsonl] [--ruleset ID] [--jobs N]
        读取自评报告（.txt .docx .xlsx .pdf .html .doc .xls .json），识别评价表，按评分规则
        重新计分并检查差错；每个文件检查完即输出（按输入顺序），--jsonl 每行一个文件。退出码：0 无错误；1 有“错误”级问题；2 有文件无法读取。
  jixiao import <文件夹或文件…> --out evaluations.jsonl [--ruleset ID]
        批量导入，每个评价写一行 JSON（含来源文件、表格和页码）。
  jixiao render <输入…> --format docx|xlsx|pdf|html --out <文件夹> [--ruleset ID]
        生成自评报告和评分表（输入为 check 能读的文件或评价 JSON）。
  jixiao summary <输入…> --out summary.xlsx
        生成单位汇总表。
  jixiao targets <文件…> [--json]
        读取绩效目标申报表或运行监控表（.xlsx .docx 等），输出内容和目标审核要点；
        jixiao targets <目标表.json> --format xlsx|docx --out <文件夹> 按官方格式生成目标表。
  jixiao rulesets            列出可用的评分规则
  jixiao frameworks          列出可用的指标体系（评分表模板）
  jixiao serve [--host 127.0.0.1] [--port 3000] [--data ./data] [--no-demo]
        启动服务（默认内嵌数据库 ./data；设置 DATABASE_URL 则使用 PostgreSQL）
  jixiao user add <用户名> --role filler|reviewer|finance|admin [--unit 单位] [--name 姓名]
  jixiao user passwd <用户名>
  jixiao unit add <名称> [--parent 上级单位] [--kind finance|department|unit]
  jixiao backup <文件>       备份数据库到一个文件
  jixiao restore <文件>      从备份文件恢复
  jixiao help                显示本说明
`;

type Runner = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Runner>> = {
  check: async () => (await import('./commands/check.ts')).run,
  import: async () => (await import('./commands/import.ts')).run,
  render: async () => (await import('./commands/render.ts')).run,
  summary: async () => (await import('./commands/summary.ts')).run,
  rulesets: async () => (await import('./commands/rulesets.ts')).run,
  targets: async () => (await import('./commands/targets.ts')).run,
  frameworks: async () => (await import('./commands/rulesets.ts')).runFrameworks,
  serve: async () => (await import('./commands/serve.ts')).run,
  user: async () => (await import('./commands/user.ts')).run,
  unit: async () => (await import('./commands/unit.ts')).run,
  backup: async () => (await import('./commands/backup.ts')).run,
  restore: async () => (await import('./commands/backup.ts')).runRestore,
};

async function main(): Promise<number> {
  const [cmd, ...rest] = argv.slice(2);
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    stdout.write(HELP);
    return 0;
  }
  const load = commands[cmd];
  if (!load) {
    stderr.write(`未知命令：${cmd}\n\n${HELP}`);
    return 2;
  }
  const run = await load();
  if (typeof run !== 'function') {
    stderr.write(`命令 ${cmd} 尚不可用\n`);
    return 2;
  }
  return run(rest);
}

// The reader of our output went away (`jixiao check … | head -1`): stop quietly, as other tools do.
for (const stream of [stdout, stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit(process.exitCode ?? 0);
    fail(e);
  });
}

/** Anything unexpected: one Chinese line and exit code 2; the details only with JIXIAO_DEBUG. */
function fail(e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  const chinese = /[\u4e00-\u9fff]/.test(msg) && !(e instanceof RangeError || e instanceof TypeError);
  try {
    stderr.write(`出错：${chinese ? msg : '内部错误，未能完成。请用 JIXIAO_DEBUG=1 重新运行并把输出报告给维护者'}\n`);
    if (process.env.JIXIAO_DEBUG && e instanceof Error) stderr.write(`${e.stack}\n`);
  } catch {
    // stderr is gone too
  }
  exit(2);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

main().then(
  (code) => {
    process.exitCode = code;
  },
  fail,
);
