// Hand-built evaluations from the seed reports (test-fixtures/seeds), used by the render tests and
// the benchmark until recognition of the seeds lands. Texts and figures are copied from the seeds.
import { analyzeToJson, type Evaluation, type EvaluationJson, type Indicator, type Section } from '@jixiao/core';

/** One table row: the 一级/二级/三级 names (blank = same as the row above) and the row's fields. */
interface Row {
  l1: string;
  l2: string;
  l3: string;
  fields: Partial<Indicator>;
}

/** Build the pre-order indicator tree from table rows, filling blank 一级/二级 cells from above. */
export function treeFromRows(rows: Row[], level1Weights: Record<string, string> = {}): Indicator[] {
  const out: Indicator[] = [];
  let p1: Indicator | null = null;
  let p2: Indicator | null = null;
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  const node = (level: number, name: string, parent: Indicator | null, id: string, fields: Partial<Indicator> = {}): Indicator => ({
    id,
    parentId: parent?.id ?? null,
    level,
    path: [...(parent?.path ?? []), name],
    name,
    target: null,
    actual: null,
    weight: null,
    statedScore: null,
    ...fields,
  });
  for (const r of rows) {
    if (r.l1 && r.l1 !== p1?.name) {
      n1++;
      n2 = 0;
      p1 = node(1, r.l1, null, `${n1}`, { weight: level1Weights[r.l1] ?? null });
      p2 = null;
      out.push(p1);
    }
    if (r.l2 && r.l2 !== p2?.name) {
      n2++;
      n3 = 0;
      p2 = node(2, r.l2, p1, `${n1}.${n2}`);
      out.push(p2);
    }
    if (r.l3) {
      n3++;
      out.push(node(3, r.l3, p2, `${n1}.${n2}.${n3}`, r.fields));
    } else if (p2) {
      Object.assign(p2, r.fields);
    }
  }
  return out;
}

const blank = (s: string | undefined) => (s == null || s.trim() === '' ? null : s.trim());

function base(e: Partial<Evaluation> & Pick<Evaluation, 'subject' | 'title' | 'indicators'>): Evaluation {
  return {
    unit: null,
    parentUnit: null,
    fiscalYear: null,
    budget: null,
    goals: null,
    statedTotal: null,
    statedGrade: null,
    sections: [],
    facts: [],
    problems: [],
    ...e,
  };
}

/** Seed 001 (北京海外学人中心 2021), 项目支出绩效自评表 “海创扶持资金”, with its 资金 block. */
export function haichuangEvaluation(): Evaluation {
  const q = (target: string, actual: string, weight: string, statedScore: string, deviation: string | null = null) => ({
    target,
    actual,
    weight,
    statedScore,
    deviation,
  });
  const rows: Row[] = [
    { l1: '产出指标', l2: '数量指标', l3: '资助孵化海创数量', fields: q('≥50个', '基本达成', '15', '12', '部分项目暂不符合扶持条件。') },
    { l1: '', l2: '质量指标', l3: '符合资助政策规定', fields: q('符合最新政策标准和资助规定', '符合标准', '15', '15') },
    { l1: '', l2: '时效指标', l3: '完成项目评审', fields: q('1.项目启动2021年1月至5月；2.项目实施阶段：2021年6-12月', '每年一次', '10', '10') },
    { l1: '', l2: '成本指标', l3: '项目预算控制数', fields: q('2700', '1160万元', '10', '5', '部分项目暂不符合资金扶持条件。') },
    {
      l1: '效益指标',
      l2: '社会效益指标',
      l3: '引领技术创新水平',
      fields: q('得到提升', '得到提升', '10', '9', '企业在获得扶持资金后，仍需要更多政策支持及服务，针对不同领域的企业设置不同孵化方案，引领企业快速发展，提升技术创新能力。'),
    },
    {
      l1: '',
      l2: '',
      l3: '促进产业竞争力水平',
      fields: q('得到提升', '得到提升', '10', '7', '通过帮助初创企业对接产业上下游，不断提升企业产业化水平，完善商业模式，拓展市场，增强市场竞争力。'),
    },
    {
      l1: '',
      l2: '',
      l3: '培育优质企业发展数量',
      fields: q('得到提升', '得到提升', '10', '8', '需继续扩大政策覆盖面，对优质企业加大扶持力度。通过加强针对不同领域、不同阶段企业的个性化孵化方案，健全完善企业梯度培育机制,培育打造一批优质企业。'),
    },
    { l1: '满意度指标', l2: '服务对象满意度', l3: '资助企业满意度指标', fields: q('≥80%', '100%', '10', '10') },
  ];
  const unit = '北京海外学人中心（北京市领导人才考核评价服务中心）';
  return base({
    subject: 'project',
    title: '海创扶持资金',
    unit,
    parentUnit: unit,
    fiscalYear: 2021,
    manager: '崔巍微',
    phone: '89153880',
    budget: {
      unit: '万元',
      initialBudget: '2700',
      adjustedBudget: '1300',
      executed: '1160',
      weight: '10',
      statedRate: '89.23',
      statedScore: '9',
      lines: [
        { fundSource: 'total', label: '年度资金总额', initialBudget: '2700', adjustedBudget: '1300', executed: '1160' },
        { fundSource: 'appropriation', label: '其中：当年财政拨款', initialBudget: '2700', adjustedBudget: '1300', executed: '1160' },
      ],
    },
    goals: {
      expected:
        '目标1：加大海创扶持工作力度,促进创业创新。目标2：达到相当的数量规模。目标3:引领在提升技术创新水平和产业竞争力，培育一批具有自主知识产权、发展潜力大的优质中小企业，带动高质量发展方面做出卓有成效的贡献。',
      actual: '2021年加大对海创企业扶持力度，完成了海创扶持政策制定相关工作。基本达成引领海创企业提升技术创新水平和产业竞争力的目标。',
    },
    indicators: treeFromRows(rows),
    statedTotal: '85',
  });
}

// Seed 003 (如皋市人力资源和社会保障局 2024), first 评分表, rows as in the seed (tab-separated).
const RUGAO_TABLE = `决策指标	项目立项	立项依据充分性	充分	充分	2	2	
		立项程序规范性	规范	规范	2	2	
	绩效目标	绩效目标合理性	合理	合理	2	2	
		绩效指标明确性	明确	明确	2	2	
	资金投入	预算编制科学性	科学	科学	2	2	
		资金分配合理性	合理	合理	2	2	
过程指标	资金管理	资金到位率	100%	100%	3	3	
		预算执行率	100%	100%	3	3	
		资金使用合规性	合规	合规	4	4	
	组织实施	管理制度及安全性	健全	健全	2	2	
		制度执行有效性	有效	有效	6	6	
产出指标	数量指标	事业人员应培尽培率	100%	100%	5	5	
		证书发放到位率	100%	100%	5	5	
	质量指标	参培学员考核结果合格率	100%	100%	5	5	
	时效指标	按时完成培训	按时完成	按时完成	5	5	
		按时发放证书	按时完成	按时完成	5	5	
	成本指标	是否超出预算	否	否	5	5	
效益指标	经济效益指标	提高事业单位新录用人员适岗率和获得嘉奖人员工作积极性，促进经济发展	是	是	10	9	
	社会效益指标	提高参培人员工作能力，激励获得嘉奖人员，更好地服务社会。	是	是	10	9	
	可持续发展指标	促进事业单位可持续发展	是	是	10	10	
满意度指标	满意度指标	参培学员满意度	>95%	>95%	5	5	
		获得嘉奖事业单位人员满意度	>95%	>95%	5	5	`;

/** Seed 003, 如皋 “新录用事业人员培训及事业人员嘉奖证书”: the short report and its 评分表 (no 资金 block). */
export function rugaoEvaluation(): Evaluation {
  const rows: Row[] = RUGAO_TABLE.split('\n').map((line) => {
    const [l1, l2, l3, target, actual, weight, score, basis] = line.split('\t');
    return { l1, l2, l3, fields: { target: blank(target), actual: blank(actual), weight: blank(weight), statedScore: blank(score), basis: blank(basis) } };
  });
  const sections: Section[] = [
    {
      heading: '一、项目概况',
      key: 'overview',
      text: '为贯彻学习习近平新时代中国特色社会主义思想,切实提高新录用事业人员的基础理论水平和党性修养,增强“四个意识”,快速转变角色,适应岗位要求。依据《事业单位人事管理条例》《2024年如皋市干部教育培训工作要点》精神,举办新录用事业人员初任培训班。为贯彻落实新时代党的组织路线,建立导向鲜明、科学规范、有效管用的事业单位工作人员奖励制度,激励广大事业单位工作人员担当作为、干事创业,根据上级要求,对获得嘉奖的事业单位工作人员颁发奖励证书。',
    },
    {
      heading: '二、评价情况',
      key: 'evaluation',
      text: '本次绩效评价依据《如皋市市级项目支出绩效评价管理办法》,根据项目情况,从决策、过程、产出、效益、满意度等多个维度设置了一级指标5个、二级指标13个、三级指标22个。结合财务账表数据,对照绩效目标进行整理、分析、汇总,对本项目进行客观公正的评价。该项目立项依据充分,立项程序规范,项目实施可行,资金使用合规,绩效目标合理。项目的实施提高了新录用事业人员的基础理论水平和工作能力,提高了获得嘉奖事业单位工作人员的积极性。项目绩效自我评价等级为优。',
    },
    {
      heading: '三、项目绩效',
      key: 'performance',
      text: '该项目共培训5天,圆满完成新录用事业人员培训,让学员“学有所思、学有所悟、学有所得”,快速转变角色,提高工作能力,适应岗位要求,达到了预计的绩效目标。本项目制作并颁发嘉奖证书3000余份,有效激励了事业单位工作人员,达到了预计的绩效目标。',
    },
    { heading: '四、存在问题', key: 'problems', text: '新录用事业人员的课程安排有待完善。' },
    { heading: '五、整改措施', key: 'measures', text: '通过调研、分析,建议进一步完善新录用事业人员岗前培训课程,促进学员加快融入新的工作环境。' },
  ];
  return base({
    subject: 'project',
    title: '新录用事业人员培训及事业人员嘉奖证书',
    unit: '如皋市人力资源和社会保障局',
    fiscalYear: 2024,
    indicators: treeFromRows(rows),
    statedTotal: '98',
    statedGrade: '优',
    sections,
  });
}

// Seed 000 (南京市国际人才交流中心 2024), 整体支出预算绩效评价得分表. Columns: 一级 二级 三级 指标说明
// 评价要点及评分规则 标准值 权重分 业绩值及评分过程 得分 (the row split over a page break is joined).
const NANJING_TABLE = `决策	计划制定	工作计划制定健全性	年度工作计划制定是否明确、具体、可操作	是否具有明确的年度工作计划，包括总体目标、实施内容等，计划是否与单位职能、社会需求相匹配。 评分规则：符合得对应权重分，否则不得分。	健全	2	健全。制定 2024 年度工作计划，计划与单位职能、社会需求相匹配。	2
		中长期规划制定健全性	中长期规划制定是否明确	是否制定明确的中长期规划，包括总体目标、工作内容等，并与单位职能相匹配。 评分规则：符合得对应权重分，否则不得分。	健全	2	健全。制定中长期规划，目标与单位职能、社会需求相匹配。	2
	目标设定	绩效指标明确性	绩效指标是否清晰、细化、可衡量	绩效指标清晰、细化、可衡量。 评分规则：符合得对应权重分，否则不得分。	明确	2	明确。指标设置全面反映单位职能、重点工作性质和特点。	2
		绩效目标合理性	绩效目标依据是否充分，是否符合客观实际	绩效目标依据充分，符合客观实际。 评分规则：符合得对应权重分，否则不得分。	合理	2	合理。绩效目标符合国家法律法规、国民经济和社会发展规划、“三定”方案确定的职责；符合中长期规划和年度工作计划，与社会需求相匹配。	2
	预算编制	预算编制规范性	预算编制是否规范	预算编制严格按照时间和流程要求执行，材料符合要求。 评分规则：符合得对应权重分，否则不得分。	规范	2	规范。预算编制严格按照财政部门关于预算编制的时间和流程执行；编制流程科学规范，严格按照制度执行。	2
		预算编制科学性	预算编制是否科学	预算编制标准明确，重点支出有保障。 评分规则：符合得对应权重分，否则不得分。	科学	2	科学。预算编制符合法律法规、单位职责以及相关政策。	2
过程	预算执行	非税收入预算完成率	非税收入预算是否完成	完成非税收入预算。 评分规则：达到100%得权重分，如未完成按相应比例扣分。	100%	2	100%。完成非税收入预算。	2
		政府采购执行率	政府采购执行情况	符合政府采购管理制度。 评分规则：达到100%得权重分，如未完成按相应比例扣分。	100%	2	100%。政府采购符合相应管理制度。	2
		“三公经费”变动率	“三公经费”变动情况	“三公经费”是否未变动。 评分规则：符合得对应权重分，否则不得分。	0%	2	0%。“三公经费”未变动。	2
		公用经费控制率	公用经费控制情况	公用经费控制率是否为100%。 评分规则：达到100%得权重分，如未完成按相应比例扣分。	100%	2	100%。公用经费控制率符合要求。	2
		结转结余率	结转结余情况	结转结余是否为零。 评分规则：符合得对应权重分，否则不得分。	0%	2	0%。结转结余率符合要求。	2
		预算执行率	预算执行情况	预算执行率是否为100%。 评分规则：达到100%得权重分，如未完成按相应比例扣分。	100%	1	100%。预算执行率符合要求。	1
		预算调整率	预算调整情况	预算调整率是否为零。 评分规则：符合得对应权重分，否则不得分。	0%	1	0%。预算调整率符合要求。	1
		支付进度符合率	预算支出进度符合实际工作开展情况	预算支出进度符合实际工作开展情况。 评分规则：完全符合得权重分，否则按相应比例扣分。	100%	1	100%。预算支出进度符合实际工作开展情况。	1
	预算管理	预算管理制度健全性	预算管理制度是否健全	制度健全。 评分规则：符合得对应权重分，否则不得分。	健全	1	健全。预算管理制度健全	1
		非税收入管理合规性	非税收入管理是否合规	非税收入管理合规。 评分规则：符合得对应权重分，否则不得分。	合规	1	合规。非税收入管理合规。	1
		预决算信息公开度	预决算信息是否按照规定要求填报公开	按照规定要求填报公开预决算信息。 评分规则：符合得对应权重分，否则不得分。	公开	1	公开。按照规定要求填报公开预决算信息。	1
		基础信息完善性	基础信息是否完善	基础信息完善。 评分规则：符合得对应权重分，否则不得分。	完善	1	完善。基础信息完善。	1
		绩效管理覆盖率	绩效管理是否全覆盖	绩效管理覆盖率为100%。 评分规则：达到100%得权重分，如未完成按相应比例扣分。	100%	1	100%。绩效管理覆盖率为100%。	1
		资金使用合规性	资金使用是否合规	资金使用合规。 评分规则：符合得对应权重分，否则不得分。	合规	1	合规。单位资金使用合规。	1
	资产管理	资产管理规范性	资产管理是否规范	资产管理规范。 评分规则：符合得对应权重分，否则不得分。	规范	1	规范。资产管理规范。	1
		固定资产利用率	固定资产使用效率是否为 100%	所有固定资产实际在用。 评分规则：符合得对应权重分，否则不得分。	100%	1	100%。所有固定资产实际在用。	1
		资产管理制度健全性	资产管理制度是否健全	资产管理制度健全。 评分规则：符合得对应权重分，否则不得分。	健全	1	健全。资产管理制度健全。	1
	项目管理	项目管理制度执行规范性	项目管理制度执行是否规范	项目管理制度执行规范。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	规范	1.5	较规范。项目管理制度执行待加强。	1
		项目管理制度健全性	项目管理制度是否健全	项目管理制度健全。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	健全	1.5	较健全。项目管理制度建设仍待完善。	1
	人员管理	人员管理制度执行有效性	人员管理制度执行情况	人员管理制度有效执行。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	有效	0.5	有效。按照人员管理制度有效执行。	0.5
		在职人员控制率	在职人员控制率是否为 100%	实际在职人员数符合要求。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	100%	0.5	100%。实际在职人员数符合要求。	0.5
		人员管理制度健全性	人员管理制度是否健全	健全的人员管理制度。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	健全	0.5	健全。人员管理制度健全。	0.5
	机构建设	业务学习与培训及时完成率	开展业务学习培训任务完成情况	完成年度业务学习机培训任务。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	100%	0.5	100%。完成年度业务学习机培训任务。	0.5
		纪检监察工作有效性	为履行职责而开展的纪检监察工作是否有效	有效开展纪检监察工作。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	有效	0.5	有效。有效开展纪检监察工作。	0.5
		组织建设工作及时完成率	开展组织建设工作情况	及时完成组织建设工作。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	100%	0.5	100%。及时完成组织建设工作。	0.5
履职	人才引进	人才引进	紫金山英才先锋计划外国人才项目申报评审工作执行情况	申报评审工作是否如期进行，评审流程是否合理，年度目标是否按期完成。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	按要求完成	5	基本按要求完成。紫金山英才先锋计划外国人才项目申报兑现，兑现工作完成较晚。	4
		人才引进	原“345”海外高层次人才引进计划政策兑现（中期、结题、经费核销等）完成情况	政策兑现工作是否如期进行，评审流程是否合理。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	按要求完成	5	基本按要求完成。原政策整合调整，相关人才政策申报兑现工作基本如期合理完成。	4.5
	人才服务	人才服务	是否履行窗口受理和审批服务要求	按照窗口服务要求履职。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	按要求完成	5	基本按要求完成。通过线上系统与线下网点结合，大幅提升了服务承载力和响应速度，仍待继续优化服务。	4.5
		人才服务	是否组织国际人才（技术）供需对接系列活动相关工作，并顺利完成	按年初计划组织完成。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	按要求完成	5	按要求完成。按年初制定的组织国际人才（技术）供需对接系列活动计划完成。	5
	组织大赛等相关活动	完成大赛活动	是否开展 2024 南京海外高层次人才双创大赛活动，并顺利完成	按期、按质量完成大赛活动。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	按要求完成	5	按要求完成。顺利举办 2024 南京海外高层次人才双创大赛活动。	5
		完成大赛活动	是否组织搭建外籍人才与我市各创新主体交流合作平台相关工作，并顺利完成	配合开展取得预期效果。 评分规则：符合得对应权重分，否则按照实际情况相应得分。	按要求完成	5	基本按要求完成。部分外籍人才仅参与高层会议或企业走访，较少直接参与具体研究工作等情况。	4.5
效益	社会效益	营造引智环境	是否营造良好的引智环境	对全市引智环境的贡献。 评分规则：完成相应指标得到权重分，未完成按比例相应扣分。	按年度工作任务	20	完成年度工作任务，引智环境持续优化，仍待进一步提升。	16.5
	经济效益							
	生态效益							
	可持续发展							
满意度	服务对象满意度	窗口服务满意度	是否完成窗口考核指标	窗口服务满意度达到窗口考核指标。 评分规则：完成相应指标得到权重分，未完成按比例相应扣分。	窗口考核指标	10	完成窗口考核指标。	10`;

/** Seed 000, 南京市国际人才交流中心 2024 部门整体支出绩效自评报告 with its 得分表. */
export function nanjingEvaluation(): Evaluation {
  const rows: Row[] = [];
  let last3 = '';
  for (const line of NANJING_TABLE.split('\n')) {
    const [l1, l2, l3, description, rule, target, weight, basis, score] = line.split('\t');
    // rows of one 三级 item repeat its name (the seed merges the cell); each row stays its own indicator
    last3 = l3 || '';
    const b = blank(basis);
    rows.push({
      l1,
      l2,
      l3: last3,
      fields: {
        description: blank(description),
        rule: blank(rule),
        target: blank(target),
        actual: b ? b.split('。')[0] : null,
        basis: b,
        weight: blank(weight),
        statedScore: blank(score),
      },
    });
  }
  const sections: Section[] = [
    {
      heading: '（一）部门（单位）基本情况',
      key: 'overview',
      text: '南京市国际人才交流中心承担全市人才智力引进和国际交流合作的具体事务；为来我市工作和为我市服务的海内外留学人员在人才引进、学位认证、推荐择业、项目交流、创业扶持等方面提供专业服务；承担外国专家、领军型科技创业人才引进服务工作。\n南京市国际人才交流中心现实有编内人数 6 人。\n本年度南京市国际人才交流中心资产 7208.22 元，均为流动资产，其中货币资金 2448.22 元，其他应收款 4760 元。',
    },
    {
      heading: '（二）部门（单位）收支情况',
      key: 'finance',
      text: '1、年度收支情况\n本年度收入 2549431.21 元，其中一般公共预算财政拨款收入 2549431.21 元。本年度支出 2549431.21 万元，全部为基本支出。\n2、年度预算执行情况\n本年度年初收入预算 2573300 元，年终决算 2549431.21 元。本年度年初支出预算 2573300 元，年终决算 2837080.82 元。\n3、年度“三公经费”使用情况\n(1) 本年度“三公经费”支出为 0 万元。\n(2) 本年度会议费支出为 0 万元。\n(3) 本年度培训费支出为 0 万元，为 0 人参加相关培训费用。',
    },
    {
      heading: '（三）部门（单位）绩效目标',
      key: 'goals',
      text: '单位中长期战略目标为：一是因材施教，抓好人才计划的实施。二是长效常态，抓好品牌活动的开展。三是改革便利，抓好各项服务的落实。',
    },
    {
      heading: '二、评价结论',
      key: 'conclusion',
      text: '经评价，南京市国际人才交流中心部门整体绩效评价得分93分，绩效等级为“优秀”。南京市国际人才交流中心在南京市科技局党组领导下，围绕引领性创新型城市的建设，在全市人才智力引进、国际交流合作、海内外人才服务等方面做出了重要贡献。',
    },
    {
      heading: '三、部门履职成效',
      key: 'achievements',
      text: '2024年，在局党组的领导下，市国际人才交流中心（以下简称“国才中心”）认真学习贯彻习近平总书记关于做好新时代人才工作的重要思想，立足部门职能，积极思考，主动作为，认真推动各项工作落细落实。\n一、持续畅通资源对接渠道，打造集聚平台。一是**培育活动品牌**。全年共组织国际人才供需对接系列活动6场次，服务在宁企业60余家，外籍人才140余人。二是**坚持以赛引才**。举办2024南京海外高层次人才双创大赛，择优推荐6个项目参加“赢在南京”科技创新创业大赛市级总决赛且全部获奖。',
    },
    {
      heading: '四、存在问题及原因分析',
      key: 'problems',
      text: '预算编制需进一步完善和精准化，将预算绩效理念和绩效管理方法贯穿于预算编制、执行、监督的全过程，并实现与预算管理的有机融合。',
    },
    { heading: '五、有关建议', key: 'suggestions', text: '建议多开展相关业务培训，以便更好的推进预算绩效自我评价工作，真正提升部门绩效管理能力。' },
    {
      heading: '六、评价工作开展情况及其他需说明的情况',
      key: 'process',
      text: '本次评价通过指标设计、数据汇总分析、报告撰写等步骤完成。其中：指标设计从单位职能、年度重点任务等维度出发；数据汇总分析通过采集具有代表性与广泛性的数据，支撑指标体系的评分，进而实现客观科学的评价。',
    },
  ];
  return base({
    subject: 'department',
    title: '南京市国际人才交流中心整体支出',
    unit: '南京市国际人才交流中心',
    fiscalYear: 2024,
    indicators: treeFromRows(rows, { 决策: '12', 过程: '28', 履职: '30', 效益: '20', 满意度: '10' }),
    statedTotal: '93',
    statedGrade: '优秀',
    sections,
  });
}

/** A 25-indicator project report (the benchmark's size): seed 001's header and 资金 block, 25 rows worth 90. */
export function project25Evaluation(): Evaluation {
  const ev = haichuangEvaluation();
  const groups: [string, string][] = [
    ['产出指标', '数量指标'],
    ['产出指标', '质量指标'],
    ['产出指标', '时效指标'],
    ['产出指标', '成本指标'],
    ['效益指标', '社会效益指标'],
    ['效益指标', '可持续影响指标'],
    ['满意度指标', '服务对象满意度'],
  ];
  const rows: Row[] = [];
  for (let i = 0; i < 25; i++) {
    const [l1, l2] = groups[Math.floor((i * groups.length) / 25)];
    const weight = i < 15 ? '4' : '3';
    rows.push({
      l1,
      l2,
      l3: `${l2.replace('指标', '')}考核事项${i + 1}`,
      fields: { target: `≥${(i + 1) * 10}个`, actual: `${(i + 1) * 10 - (i % 3)}个`, weight, statedScore: i % 3 ? weight : '2.5', deviation: i % 3 ? null : '部分事项跨年度实施。' },
    });
  }
  ev.indicators = treeFromRows(rows);
  ev.statedTotal = null;
  return ev;
}

export const seedFixtures = (): { name: string; evaluation: Evaluation }[] => [
  { name: 'seed001-haichuang', evaluation: haichuangEvaluation() },
  { name: 'seed003-rugao', evaluation: rugaoEvaluation() },
  { name: 'seed000-nanjing', evaluation: nanjingEvaluation() },
];

export function analysed(ev: Evaluation): EvaluationJson {
  return analyzeToJson(ev);
}

// ---------------------------------------------------------------- odd data

/** Seed 001's form without its 资金 block. */
export function noBudgetEvaluation(): Evaluation {
  return { ...haichuangEvaluation(), budget: null };
}

/** Seed 003's table with the weight of “证书发放到位率” left empty. */
export function missingWeightEvaluation(): Evaluation {
  const ev = rugaoEvaluation();
  ev.indicators = ev.indicators.map((i) => (i.name === '证书发放到位率' ? { ...i, weight: null } : i));
  return ev;
}

/** A 200-row table: 4 一级 × 5 二级 × 10 三级, each worth 0.5 (0.45 scored). */
export function manyRowsEvaluation(): Evaluation {
  const rows: Row[] = [];
  for (let a = 1; a <= 4; a++)
    for (let b = 1; b <= 5; b++)
      for (let c = 1; c <= 10; c++)
        rows.push({
          l1: `一级${a}`,
          l2: `二级${a}-${b}`,
          l3: `指标${a}-${b}-${c}`,
          fields: { target: `≥${c}个`, actual: `${c}个`, weight: '0.5', statedScore: c === 10 ? '0.45' : '0.5' },
        });
  return base({ subject: 'project', title: '大表项目', unit: '测试单位', parentUnit: '测试主管部门', fiscalYear: 2024, indicators: treeFromRows(rows) });
}

export const LONG_TEXT = '偏差原因'.repeat(5) + '说明文字很长。'.repeat(420) + '长文结束标记';

/** Seed 001's form with a 3000-character 偏差原因分析 on one row. */
export function longTextEvaluation(): Evaluation {
  const ev = haichuangEvaluation();
  ev.indicators = ev.indicators.map((i) => (i.name === '资助孵化海创数量' ? { ...i, deviation: LONG_TEXT } : i));
  return ev;
}
