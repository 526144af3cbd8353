// A small, strict argument parser: unknown flags are an error in Chinese, not ignored.

export interface Parsed {
  positional: string[];
  flags: Record<string, string | boolean>;
}

export class UsageError extends Error {}

/** `spec` maps flag name → 'string' | 'boolean'. */
export function parseArgs(args: string[], spec: Record<string, 'string' | 'boolean'>): Parsed {
  const out: Parsed = { positional: [], flags: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq > 0 ? eq : undefined);
      const kind = spec[name];
      if (!kind) throw new UsageError(`未知参数：--${name}`);
      if (kind === 'boolean') {
        out.flags[name] = true;
      } else {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`参数 --${name} 需要一个值`);
        out.flags[name] = v;
      }
    } else {
      out.positional.push(a);
    }
  }
  return out;
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.flags[name];
  return typeof v === 'string' ? v : undefined;
}
