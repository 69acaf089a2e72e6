/**
 * GB/T 9704-2012《党政机关公文格式》: the one table of the standard's dimensions that the PDF
 * typesetter, the DOCX writer and the conformance test all read. Lengths in millimetres, font sizes
 * in points (号: 初号 42, 小初 36, 一号 26, 二号 22, 三号 16, 四号 14).
 */
export const GBT9704 = {
  /** 5.2 幅面: A4. */
  page: { width: 210, height: 297 },
  /** 5.2.1 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm (so 35 mm below, 26 mm to the right). */
  margin: { top: 37, left: 28, right: 26, bottom: 35 },
  block: { width: 156, height: 225 },
  /** 5.2.2 一般每面排22行，每行排28个字. */
  linesPerPage: 22,
  charsPerLine: 28,
  /** 5.2.3 正文 3号仿宋; 标题 2号小标宋; 版记 and 页码 4号. */
  pt: { body: 16, title: 22, record: 14, pageNo: 14 },
  /** 7.2.5 红色分隔线: 4 mm below the 发文字号, as wide as the 版心. */
  redRule: { below: 4, thickness: 0.75 },
  /** 7.2.2 发文机关标志: top edge 35 mm below the 版心 top; 80 mm for a 上行文 (7.2.1 / 9). */
  issuerTop: { down: 35, up: 80 },
  /** The 标志's size: no wider than the 版心, at most 22 mm × 15 mm a character (common practice: 小初–初号). */
  issuerMaxPt: 42,
  /** 7.2.4 发文字号: two blank lines below the 标志. */
  docNoBlankLines: 2,
  /** 7.3.1 标题: two blank lines below the red rule; 主送机关 one blank line below the title. */
  titleBlankLines: 2,
  /** 7.3.5 成文日期 右空四字; 署名 centred over it; 附注 next line, 左空二字, in （）. */
  dateRightChars: 4,
  noteLeftChars: 2,
  /** 7.4 版记: rules as wide as the 版心, first and last 0.35 mm, middle 0.25 mm; items 左右各空一字. */
  record: { outer: 0.35, inner: 0.25, insetChars: 1 },
  /** 7.5 页码: 4号 半角宋体, 「— n —」, dash top 7 mm below the 版心; odd right / even left, one character in. */
  pageNo: { below: 7, insetChars: 1 },
  /** 10.1 信函格式: 标志 30 mm from the page top; red double rules 170 mm wide, the lower one 20 mm above the page foot. */
  letter: { issuerTop: 30, ruleWidth: 170, lowerRuleFromBottom: 20, thick: 0.8, thin: 0.3, gap: 0.8, ruleBelowIssuer: 4 },
  /** 10.3 纪要格式: 「××××纪要」 标志 in red, 出席/请假/列席 in 3号黑体 左空二字. */
  minutes: { labelLeftChars: 2 },
  /** 红色 of the 版头. */
  red: '#E60012',
} as const;

const MM_PER_PT = 25.4 / 72;

/** Derived figures: line pitch, character pitch, em sizes in mm. */
export const GRID = {
  linePitch: GBT9704.block.height / GBT9704.linesPerPage,
  charPitch: GBT9704.block.width / GBT9704.charsPerLine,
  bodyEm: GBT9704.pt.body * MM_PER_PT,
  titleEm: GBT9704.pt.title * MM_PER_PT,
  recordEm: GBT9704.pt.record * MM_PER_PT,
  pageNoEm: GBT9704.pt.pageNo * MM_PER_PT,
  /** Bottom of the 版心 from the page top. */
  blockBottom: GBT9704.margin.top + GBT9704.block.height,
} as const;

/** Points to millimetres. */
export const ptToMm = (pt: number): number => pt * MM_PER_PT;

/** The families the layout asks for: the office's licensed font first, then the open Fandol font. */
export const FONT_FAMILIES = {
  fangsong: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'FandolFang'],
  xiaobiaosong: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'FandolSong'],
  heiti: ['黑体', 'SimHei', 'FandolHei'],
  kaiti: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'FandolKai'],
  songti: ['宋体', 'SimSun', 'FandolSong'],
} as const;

/** A font role of the layout. */
export type FontRole = keyof typeof FONT_FAMILIES;
