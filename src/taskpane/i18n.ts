import { createContext, useContext } from "react";
import type { TableId } from "../core/recognise/model";

/**
 * The pane's strings, zh-CN first. Templates use {name} placeholders. The pane has about a hundred
 * strings, so a dictionary and one function are all it needs.
 */
export type Lang = "zh-CN" | "en";

const zh = {
  appTitle: "预算公开助手",
  switchLang: "EN",
  switchLangTitle: "Switch to English",
  check: "校验",
  checking: "正在读取并校验…",
  recheck: "重新校验",
  intro: "读取当前工作簿，识别预算公开表（表一至表十三、项目绩效目标表），校验合计与表间关系。数据不会离开本机。",
  introBrowser: "选择一个预算公开工作簿（.xlsx），然后点击“校验”。文件只在本机浏览器中读取，不会上传。",
  pickFile: "选择工作簿…",
  pickedFile: "已选择：{name}",
  readingFile: "正在读取文件…",
  noFile: "请先选择一个 .xlsx 工作簿。",
  outsideOffice: "未在 Excel 中运行。请在 Excel 的“开始”选项卡点击“预算公开助手”，或改用浏览器版页面：",
  failed: "校验失败",
  tabFindings: "问题",
  tabTables: "表格",
  summaryTitle: "校验结果",
  errors: "错误",
  warnings: "警告",
  infos: "提示",
  statsLine: "运行 {rules} 条规则，检查 {tables} 张表",
  statsLineOff: "运行 {rules} 条规则，检查 {tables} 张表，已关闭 {off} 条规则",
  settingsRules: "规则设置",
  rulesOffBadge: "已关闭 {n}",
  rulesHint: "取消勾选的规则不再运行。此设置只保存在本机。",
  rulesEnableAll: "全部开启",
  ruleFamily_sum: "合计与分项",
  ruleFamily_cross: "表间关系",
  ruleFamily_structure: "结构与格式",
  ruleFamily_performance: "绩效目标",
  ruleFamily_narrative: "文字说明",
  ruleFamily_code: "科目编码",
  ruleFamily_other: "其他",
  ruleActions: "规则 {id} 的操作",
  disableRule: "不再检查此规则",
  ruleDisabledNotice: "已关闭规则“{title}”，可在“规则设置”中重新开启。",
  catalogueTitle: "科目目录",
  catalogueBuiltIn: "内置",
  catalogueLoadedBadge: "已导入 {n} 条",
  catalogueHint: "可导入财政部发布的本年度科目目录（.xlsx，或 UTF-8 编码的 CSV；列为科目编码、科目名称，或类、款、项与名称），与内置目录合并使用，读法与命令行 --catalogue 相同。",
  catalogueImport: "导入科目目录…",
  catalogueReplace: "换一个目录…",
  catalogueLoaded: "已导入科目目录：{n} 条（{parts}）",
  catalogueFile: "文件：{name}",
  catalogueRemove: "移除",
  catalogueRemoved: "已移除导入的科目目录，改用内置目录。",
  catalogueReadFailed: "无法读取文件：{reason}",
  kind_functional: "功能分类 {n}",
  kind_deptEconomic: "部门经济分类 {n}",
  kind_govEconomic: "政府经济分类 {n}",
  kind_revenue: "收入分类 {n}",
  listSep: "，",
  noTables: "未识别到预算公开表。请确认工作簿包含“预算收支总表”等标准表格。",
  noFindings: "未发现问题。",
  export: "导出 JSON",
  copy: "复制",
  copied: "已复制到剪贴板",
  copyFailed: "无法写入剪贴板：{reason}",
  exported: "已导出 {name}",
  expected: "应为",
  actual: "实为",
  difference: "差额",
  tolerance: "允许尾差",
  goToCell: "定位到 {cell}",
  navFailed: "无法定位到单元格：{reason}",
  workbookWide: "整个工作簿",
  rows: "{n} 行",
  indicators: "{n} 项指标",
  emptyBadge: "空表",
  tailBadge: "尾差",
  problems: "识别提示",
  tablesCount: "识别到 {n} 张表",
  previewTitle: "{sheet}!{cell}",
  closePreview: "关闭预览",
  sheetMissing: "工作簿中没有工作表“{sheet}”",
  severity_error: "错误",
  severity_warning: "警告",
  severity_info: "提示",
  tailsFolded: "{n} 处尾差，均在允许范围内",
  catalogueNoCodes: "文件中没有科目编码",
  catalogueNotCsvXlsx: "目录文件应为 .csv 或 .xlsx",
  tailsOpen: "展开",
  tailsClose: "收起",
  filterOn: "只显示{sev}",
  filterOff: "显示全部",
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: "Budget Disclosure Assistant",
  switchLang: "中文",
  switchLangTitle: "切换到中文",
  check: "Check",
  checking: "Reading and checking…",
  recheck: "Check again",
  intro: "Reads this workbook, recognises the disclosure tables (表一…表十三 and the performance target tables) and checks sums and cross-table relations. No data leaves this computer.",
  introBrowser: "Choose a budget disclosure workbook (.xlsx), then click Check. The file is read in this browser only and never uploaded.",
  pickFile: "Choose workbook…",
  pickedFile: "Selected: {name}",
  readingFile: "Reading the file…",
  noFile: "Choose an .xlsx workbook first.",
  outsideOffice: "Not running inside Excel. Open the pane from Excel's Home tab, or use the browser page:",
  failed: "Check failed",
  tabFindings: "Findings",
  tabTables: "Tables",
  summaryTitle: "Result",
  errors: "Errors",
  warnings: "Warnings",
  infos: "Notes",
  statsLine: "{rules} rules ran on {tables} tables",
  statsLineOff: "{rules} rules ran on {tables} tables; {off} switched off",
  settingsRules: "Rules",
  rulesOffBadge: "{n} off",
  rulesHint: "Unticked rules do not run. The setting stays on this computer.",
  rulesEnableAll: "Turn all on",
  ruleFamily_sum: "Sums",
  ruleFamily_cross: "Across tables",
  ruleFamily_structure: "Structure and format",
  ruleFamily_performance: "Performance targets",
  ruleFamily_narrative: "Narrative text",
  ruleFamily_code: "Subject codes",
  ruleFamily_other: "Other",
  ruleActions: "Actions for rule {id}",
  disableRule: "Stop checking this rule",
  ruleDisabledNotice: "Rule “{title}” switched off; turn it back on under Rules.",
  catalogueTitle: "Subject catalogue",
  catalogueBuiltIn: "Built-in",
  catalogueLoadedBadge: "{n} imported",
  catalogueHint: "Import the year's official edition (.xlsx, or CSV in UTF-8; columns code and name, or 类/款/项 and name) to use together with the built-in catalogue, read as the command line's --catalogue reads it.",
  catalogueImport: "Import catalogue…",
  catalogueReplace: "Import another…",
  catalogueLoaded: "Catalogue imported: {n} entries ({parts})",
  catalogueFile: "File: {name}",
  catalogueRemove: "Remove",
  catalogueRemoved: "The imported catalogue was removed; the built-in one is used.",
  catalogueReadFailed: "Could not read the file: {reason}",
  kind_functional: "functional {n}",
  kind_deptEconomic: "departmental economic {n}",
  kind_govEconomic: "government economic {n}",
  kind_revenue: "revenue {n}",
  listSep: ", ",
  noTables: "No disclosure tables recognised. Does the workbook hold the standard tables (预算收支总表 …)?",
  noFindings: "No findings.",
  export: "Export JSON",
  copy: "Copy",
  copied: "Copied to the clipboard",
  copyFailed: "Could not write to the clipboard: {reason}",
  exported: "Exported {name}",
  expected: "Expected",
  actual: "Actual",
  difference: "Difference",
  tolerance: "Rounding allowed",
  goToCell: "Go to {cell}",
  navFailed: "Could not go to the cell: {reason}",
  workbookWide: "Whole workbook",
  rows: "{n} rows",
  indicators: "{n} indicators",
  emptyBadge: "Empty",
  tailBadge: "Rounding",
  problems: "Recognition notes",
  tablesCount: "{n} tables recognised",
  previewTitle: "{sheet}!{cell}",
  closePreview: "Close preview",
  sheetMissing: "The workbook has no sheet “{sheet}”",
  severity_error: "Error",
  severity_warning: "Warning",
  severity_info: "Note",
  tailsFolded: "{n} rounding tails, all within tolerance",
  catalogueNoCodes: "the file holds no subject codes",
  catalogueNotCsvXlsx: "the catalogue must be .csv or .xlsx",
  tailsOpen: "Show",
  tailsClose: "Hide",
  filterOn: "Showing {sev} only",
  filterOff: "Show all",
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zh, en };

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];

const TABLE_NAMES_EN: Record<TableId, string> = {
  T01: "Budget income and expenditure summary",
  T02: "Budget income summary",
  T03: "Budget expenditure summary",
  T04: "Fiscal appropriation income and expenditure summary",
  T05: "General public budget expenditure",
  T06: "General public budget basic expenditure by economic subject",
  T07: "Government fund budget income",
  T08: "Government fund budget expenditure",
  T09: "State capital operation budget",
  T10: "“Three public” expenditure budget",
  T11: "Office operating expenses budget",
  T12: "Project expenditure (this year)",
  T13: "Project expenditure (carried over)",
  PT: "Project performance targets",
};

/** 表一 … 表十三 / Table 1 … Table 13; 绩效目标表 for PT. */
export function tableOrdinal(lang: Lang, id: TableId): string {
  if (id === "PT") return lang === "en" ? "Targets" : "绩效目标表";
  const n = Number(id.slice(1));
  return lang === "en" ? `Table ${n}` : `表${ORDINALS[n - 1]}`;
}

/** The standard table name: the recognised Chinese title in zh-CN, a fixed translation in English. */
export function tableName(lang: Lang, id: TableId, standardName: string): string {
  return lang === "en" ? TABLE_NAMES_EN[id] : standardName;
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

export function makeI18n(lang: Lang): I18n {
  return { lang, t: (key, vars) => translate(lang, key, vars) };
}

export const I18nContext = createContext<I18n>(makeI18n("zh-CN"));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
