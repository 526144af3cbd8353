// The password rule: at least 10 characters, not all spaces, not one of the passwords every attacker
// tries first (lists of leaked passwords, and the ones Chinese offices use most: 拼音, 1314, keyboard
// walks). Checked without regard to case.
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

const COMMON = new Set(
  `1234567890 0123456789 0987654321 9876543210 12345678910 1234512345 1234554321 1122334455 1111111111 0000000000
  1q2w3e4r5t 1qaz2wsx3edc qwertyuiop asdfghjkl; zxcvbnm123 qwerty1234 qwerty12345 qwertyuiop1 1qaz2wsx3e 1q2w3e4r5t6y
  !qaz2wsx#edc 1qaz@wsx#edc qazwsxedcr qazwsxedc123 zaq12wsxcde asdfghjkl1 asdf123456 a123456789 abc1234567 abcd123456
  abcdefghij abc123456789 aa12345678 aa123456789 a1234567890 password12 password123 password1234 password1! passw0rd123
  p@ssw0rd123 p@ssword123 administrator admin12345 admin123456 admin@1234 admin@12345 admin888888 root123456 root@123456
  test123456 test@12345 welcome123 welcome1234 iloveyou12 iloveyou123 woaini1314 woaini520520 5201314520 13145201314
  woaini123456 wo123456789 woshishui123 zhang123456 wang123456 li12345678 liu123456789 chen123456 huang123456 zhao123456
  jixiao12345 jixiao123456 jixiao@123 jixiao2024 jixiao2025 jixiao2026 changeme12 changeme123 letmein123 trustno1234
  football123 baseball123 dragon12345 monkey12345 sunshine123 princess123 superman123 michael123 computer123 internet123
  caizheng123 caizhengju1 caiwu123456 kuaiji123456 jixiao8888 abcd@123456 a12345678910 qq123456789 qq1234567890 aini1314520
  11111111111 88888888888 66666666666 12121212121 1234567890a 1234567890q a1b2c3d4e5 a1b2c3d4e5f6 q1w2e3r4t5 z1x2c3v4b5`
    .split(/\s+/)
    .filter(Boolean),
);

/** The reason `pw` is refused (Chinese), or null when it may be used. */
export function passwordProblem(pw: unknown): string | null {
  if (typeof pw !== 'string' || [...pw].length < MIN_PASSWORD) return `密码至少 ${MIN_PASSWORD} 位`;
  if (pw.length > MAX_PASSWORD) return `密码过长（最多 ${MAX_PASSWORD} 位）`;
  if (pw.trim() === '') return '密码不能全是空格';
  const low = pw.toLowerCase();
  if (COMMON.has(low) || new Set(low).size <= 2) return '密码过于常见或简单，请换一个不易猜到的密码';
  if (isRun(low)) return '密码过于常见或简单，请换一个不易猜到的密码';
  return null;
}

/** 0123456789 / abcdefghij / the same forward or backward: one step between every character. */
function isRun(s: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d !== 1) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}

/** The form of a user name that is compared: full-width letters as ASCII (NFKC), lower case. */
export function usernameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
