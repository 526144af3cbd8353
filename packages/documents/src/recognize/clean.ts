// Cell and paragraph text as reports from other places write it, folded to the words we match:
// Traditional characters (港澳台 and some OCR output), pinyin glosses after a character,
// operator look-alikes, and OCR slips inside numbers. Every pass is one linear regex or a table lookup.
import { foldSpaces, isSpaceChar } from './normalize.ts';

// Traditional → Simplified for the characters that occur in evaluation forms and their headings.
// Pairs are written "繁简"; only characters that are never Simplified themselves are listed.
const PAIRS =
  '項项稱称權权重重績绩評评價价總总標标準准實实際际達达數数據据滿满質质時时經经濟济會会態态續续發发預预' +
  '預预算算執执資资額额計计劃划產产單单門门財财撥拨結结轉转餘余設设為为與与對对應应關关範范製制' +
  '級级指指說说明明規规則则體体據据負负責责聯联繫系電电話话單单內内務务醫医療疗養养業业機机構构' +
  '傳传統统區区縣县鄉乡鎮镇點点觀观們们個个這这來来過过還还進进選选運运達达遠远適适邊边週周' +
  '費费貨货購购貸贷賬账贊赞變变優优劣劣良良較较營营環环確确認认證证識识護护維维絕绝級级組组織织' +
  '練练線线細细終终給给綜综網网總总縮缩績绩紀纪約约紅红純纯紙纸級级類类顯显願愿題题額额順顺須须' +
  '領领頻频頁页項项準准減减況况滿满測测灣湾漲涨熱热營营獎奖現现產产畫画異异當当疊叠瘋疯盡尽監监' +
  '盤盘礎础禮礼稅税穩稳競竞籌筹簡简糧粮緊紧緒绪編编縣县興兴舉举華华萬万蘇苏處处衛卫補补裝装' +
  '複复覆覆見见規规視视覺觉記记訓训設设許许評评試试詳详誤误調调談谈請请論论諮咨謀谋講讲證证議议' +
  '護护讓让負负貢贡財财責责費费資资賽赛購购贈赠趨趋跡迹車车軟软較较輔辅輸输辦办農农邀邀鄉乡' +
  '釋释錄录鏈链長长開开間间閱阅隊队階阶陽阳際际隨随險险雜杂雙双難难電电響响頒颁預预領领頭头' +
  '風风飛飞養养館馆驗验體体點点齊齐龍龙園园圖图團团場场報报壞坏壓压備备夠够奮奋妝妆學学孫孙' +
  '寧宁實实審审將将專专對对導导層层屬属歲岁帳帐師师幣币幹干庫库廢废廣广張张強强彙汇徵征愛爱' +
  '態态慣惯應应懷怀戰战擁拥擇择擊击據据擴扩斷断於于無无舊旧時时書书會会業业極极構构標标樣样' +
  '權权歸归歷历殘残決决沒没況况測测準准滯滞漢汉濟济灣湾為为煙烟爭争狀状獨独獲获率率環环產产' +
  '畢毕發发盞盏盡尽眾众碼码確确積积穩稳窮穷競竞節节範范築筑簽签級级紀纪純纯紹绍組组細细終终' +
  '統统經经綠绿維维網网綫线緣缘練练縮缩總总績绩繳缴職职聽听與与舉举藝艺藥药虛虚號号衝冲補补' +
  '規规親亲觀观訂订計计訊讯託托記记訪访許许診诊評评識识詢询該该認认誠诚語语說说調调請请讀读' +
  '變变讓让豐丰貧贫貫贯質质賴赖贏赢軌轨載载輛辆轉转辦办迴回遞递邁迈採采鐘钟鋼钢錢钱錯错鍵键' +
  '門门閉闭問问閒闲關关陸陆陳陈陰阴險险隻只雖虽雲云靈灵靜静韓韩頁页頂顶須须顧顾顯显饋馈餘余' +
  '馬马驅驱駐驻髮发鬆松魚鱼鳥鸟麼么黃黄點点參参後后億亿戶户員员檢检並并協协廳厅揮挥淨净屆届貼贴勵励課课從从東东壇坛廠厂種种圍围蓋盖勞劳動动覽览瀏浏聞闻佈布';

const T2S = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) if (PAIRS[i] !== PAIRS[i + 1]) T2S.set(PAIRS[i], PAIRS[i + 1]);
const TRAD = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');

// "項(xiàng)目" / "项（xiang）目": a pinyin gloss right after a Chinese character
const PINYIN = /([\u4e00-\u9fff])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\d?[)）]/g;
const OPS: Record<string, string> = { '≧': '≥', '≦': '≤', '═': '=', '﹦': '=', '＝': '=' };
const OP = /[≧≦═﹦＝]/g;
// OCR slips: O/o for 0, I/l for 1, next to a digit inside a number ("1O0%", "9O", "l5")
const OCR_IN_NUMBER = /(?<![A-Za-z])[0-9OIl](?:[0-9OIl.]{0,10}[0-9OIl])?(?![A-Za-z])/g;

// one pass over the text tells which of the (rarer) rewrites are needed at all
const FLAGS = new Uint8Array(65536);
const TRAD_F = 1;
const OP_F = 2;
const PAREN_F = 4;
const OCR_F = 8;
const DIGIT_F = 16;
for (const c of T2S.keys()) FLAGS[c.charCodeAt(0)] |= TRAD_F;
for (const c of Object.keys(OPS)) FLAGS[c.charCodeAt(0)] |= OP_F;
FLAGS[0x28] |= PAREN_F;
FLAGS[0xff08] |= PAREN_F;
for (const c of 'OIl') FLAGS[c.charCodeAt(0)] |= OCR_F;
for (let d = 0x30; d <= 0x39; d++) FLAGS[d] |= DIGIT_F;
const WIDE_F = 32;
// full-width digits and ％ (typed with a Chinese input method): "５０" → "50"
for (let d = 0xff10; d <= 0xff19; d++) FLAGS[d] |= WIDE_F;
FLAGS[0xff05] |= WIDE_F;
// a pinyin gloss needs a Latin letter (a–z or a toned vowel): without one PINYIN is not run
const LATIN_F = 64;
for (const c of 'abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü') FLAGS[c.charCodeAt(0)] |= LATIN_F;
// spaces: cleanLine tells from the same pass whether the text needs folding onto one line
const SPACE_F = 128;
for (let c = 0; c < 65536; c++) if (isSpaceChar(c)) FLAGS[c] |= SPACE_F;
const WIDE = /[\uff10-\uff19\uff05]|(?<=[\d\uff10-\uff19])\uff0e(?=[\d\uff10-\uff19])/g;

/** Fold one cell or paragraph: Traditional → Simplified, pinyin glosses dropped, operators unified. */
export function clean(s: string): string {
  if (!s) return s;
  let f = 0;
  for (let i = 0; i < s.length; i++) f |= FLAGS[s.charCodeAt(i)];
  return rewrite(s, f);
}

/**
 * oneLine(clean(s)) for a paragraph, without the cell cache (a paragraph is seldom met twice) and with
 * one pass over the text: none of clean's rewrites adds or drops a space, so the flags of `s` tell
 * whether the cleaned text has one to fold.
 */
export function cleanLine(s: string): string {
  if (!s) return '';
  let f = 0;
  for (let i = 0; i < s.length; i++) f |= FLAGS[s.charCodeAt(i)];
  const t = rewrite(s, f);
  return f & SPACE_F ? foldSpaces(t) : t;
}

function rewrite(s: string, flags: number): string {
  const latin = flags & LATIN_F;
  let f = flags & ~(LATIN_F | SPACE_F);
  if (f === 0 || f === DIGIT_F) return s;
  let t = s;
  if (f & WIDE_F) {
    t = t.replace(WIDE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    f |= DIGIT_F;
  }
  if (f & TRAD_F) t = t.replace(TRAD, (c) => T2S.get(c) ?? c);
  if (f & PAREN_F && latin) t = t.replace(PINYIN, '$1');
  if (f & OP_F) t = t.replace(OP, (c) => OPS[c]);
  if (f & OCR_F && f & DIGIT_F) t = t.replace(OCR_IN_NUMBER, (m) => (/\d/.test(m) ? m.replace(/O/g, '0').replace(/[Il]/g, '1') : m));
  return t;
}

/** A score or weight cell read by OCR: "IO" → "10", "O" → "0", "l5" → "15"; other text unchanged. */
export function ocrNumber(s: string): string {
  // almost every cell has none of the letters: decided without trimming or a regex
  if (s.indexOf('O') < 0 && s.indexOf('I') < 0 && s.indexOf('l') < 0) return s;
  const t = s.trim();
  if (t.length <= 8 && /^[0-9OIl.]+(分)?$/.test(t) && /[OIl]/.test(t)) return t.replace(/O/g, '0').replace(/[Il]/g, '1');
  return s;
}

// Simplified → the Traditional characters that fold to it, for finding a folded name in the text as printed
const S2T = new Map<string, string[]>();
for (const [t, sc] of T2S) S2T.set(sc, [...(S2T.get(sc) ?? []), t]);

/** Whether a text holds Traditional characters clean() folds. */
export function hasTraditional(s: string): boolean {
  TRAD.lastIndex = 0;
  const r = TRAD.test(s);
  TRAD.lastIndex = 0;
  return r;
}

/**
 * A folded name as the source prints it: its Traditional characters kept, pinyin glosses and spaces
 * left out ("監(jiān)測數(shù)據(jù)" → "監測數據"); null when the source does not hold it.
 */
export function printedForm(name: string, source: string): string | null {
  if (!name || name.length > 200) return null;
  const gloss = '(?:[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\\d?[)）])?[\\s\\u3000]*';
  let re = '';
  for (const ch of name) {
    const alts = [ch, ...(S2T.get(ch) ?? [])].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re += (alts.length > 1 ? `(?:${alts.join('|')})` : alts[0]) + (/[\u4e00-\u9fff]/.test(ch) ? gloss : '[\\s\\u3000]*');
  }
  const m = new RegExp(re).exec(source);
  if (!m) return null;
  return m[0].replace(PINYIN, '$1').replace(/[\s\u3000]+/g, '');
}

