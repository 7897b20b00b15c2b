import * as React from "react";
import { Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { DisclosureChart } from "../../core/publish/charts";
import { useI18n } from "../i18n";

/**
 * One disclosure chart drawn as SVG: a donut for shares of a whole (收入预算图), horizontal bars for
 * the classes of 一般公共预算 (long Chinese names sit above their bars, readable at 320 px). The
 * figures shown are the exact strings of the chart data; floating point only places the shapes.
 * The SVG is role="img" with a title and a description that reads every item, and the legend is a
 * list with amounts and shares, so a screen reader gets the whole chart.
 */

/** Colours that stay apart for common colour-vision deficiencies (Okabe–Ito), on white. */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: "6px" },
  row: { display: "flex", gap: "10px", alignItems: "flex-start" },
  legend: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px", minWidth: 0, flex: 1 },
  item: { display: "flex", gap: "6px", alignItems: "baseline", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  swatch: { flex: "0 0 10px", width: "10px", height: "10px", borderRadius: "2px", transform: "translateY(1px)" },
  zero: { color: tokens.colorNeutralForeground3 },
  value: { whiteSpace: "nowrap", color: "inherit" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function DisclosureChartView({ chart }: { chart: DisclosureChart }) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const id = React.useId();
  const title = lang === "en" ? chart.title.en : chart.title.zh;
  const unit = chart.unit;
  const items = chart.points.map((p) => t("chartLegendItem", { label: p.label, amount: p.amount, unit, share: p.share }));
  const desc = `${t("chartTotal", { amount: chart.total, unit })}${lang === "en" ? ". " : "。"}${items.join(lang === "en" ? "; " : "；")}`;
  return (
    <figure className={s.figure} data-testid="chart" data-chart-id={chart.id} data-chart-type={chart.type}>
      <Subtitle2 as="h4" style={{ margin: 0, fontSize: tokens.fontSizeBase300 }} id={`${id}-t`}>
        {title}
      </Subtitle2>
      {chart.type === "pie" ? (
        <div className={s.row}>
          <Donut chart={chart} title={title} desc={desc} />
          <ul className={s.legend} aria-label={title}>
            {chart.points.map((p, i) => (
              <li key={p.cell} className={`${s.item} ${isZero(p.amount) ? s.zero : ""}`} data-testid="chart-item">
                <span className={s.swatch} style={{ backgroundColor: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
                <span>
                  {p.label} <span className={s.value}>{t("chartValue", { amount: p.amount, unit, share: p.share })}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Bars chart={chart} title={title} desc={desc} />
      )}
      <Caption1 className={s.muted}>
        {t("chartTotal", { amount: chart.total, unit })} · {t("chartSource", { sheet: chart.sheet })}
      </Caption1>
    </figure>
  );
}

function isZero(amount: string): boolean {
  return /^[-+]?0*(\.0*)?$/.test(amount);
}

/** The positive points' fractions of their sum, for drawing only. */
function fractions(chart: DisclosureChart): number[] {
  const xs = chart.points.map((p) => Math.max(0, Number(p.amount)));
  const sum = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => (sum > 0 ? x / sum : 0));
}

function Donut({ chart, title, desc }: { chart: DisclosureChart; title: string; desc: string }) {
  const size = 112;
  const r = 52;
  const inner = 30;
  const c = size / 2;
  const fr = fractions(chart);
  let angle = -Math.PI / 2;
  const arcs: React.ReactNode[] = [];
  fr.forEach((f, i) => {
    if (f <= 0) return;
    const colour = PALETTE[i % PALETTE.length];
    if (f >= 0.999999) {
      // One point holds everything: a full ring (an arc cannot start and end at the same point).
      arcs.push(<circle key={i} cx={c} cy={c} r={(r + inner) / 2} fill="none" stroke={colour} strokeWidth={r - inner} />);
      return;
    }
    const a0 = angle;
    const a1 = angle + f * 2 * Math.PI;
    angle = a1;
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const p = (rad: number, a: number) => `${(c + rad * Math.cos(a)).toFixed(3)} ${(c + rad * Math.sin(a)).toFixed(3)}`;
    arcs.push(<path key={i} d={`M ${p(r, a0)} A ${r} ${r} 0 ${large} 1 ${p(r, a1)} L ${p(inner, a1)} A ${inner} ${inner} 0 ${large} 0 ${p(inner, a0)} Z`} fill={colour} stroke="#fff" strokeWidth={1} />);
  });
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`${title}：${desc}`} style={{ flex: `0 0 ${size}px` }}>
      <title>{title}</title>
      <desc>{desc}</desc>
      {arcs.length ? arcs : <circle cx={c} cy={c} r={(r + inner) / 2} fill="none" stroke="#e0e0e0" strokeWidth={r - inner} />}
    </svg>
  );
}

function Bars({ chart, title, desc }: { chart: DisclosureChart; title: string; desc: string }) {
  const { t } = useI18n();
  const width = 296;
  const rowH = 36;
  const barH = 12;
  const xs = chart.points.map((p) => Math.max(0, Number(p.amount)));
  const max = Math.max(0, ...xs);
  const height = chart.points.length * rowH + 4;
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}：${desc}`} style={{ maxWidth: `${width}px` }}>
      <title>{title}</title>
      <desc>{desc}</desc>
      {chart.points.map((p, i) => {
        const y = i * rowH + 2;
        const w = max > 0 ? (xs[i] / max) * width : 0;
        return (
          <g key={p.cell} data-testid="chart-bar">
            {/* The name on the left, its figure and share on the right of the same line, the bar under both. */}
            <text x={0} y={y + 12} fontSize={12} fill="#242424">
              {p.label}
            </text>
            <text x={width} y={y + 12} fontSize={11} fill="#424242" textAnchor="end">
              {t("chartValue", { amount: p.amount, unit: chart.unit, share: p.share })}
            </text>
            <rect x={0} y={y + 17} width={width} height={barH} rx={2} fill="#f0f0f0" />
            <rect x={0} y={y + 17} width={Math.max(w, xs[i] > 0 ? 1 : 0)} height={barH} rx={2} fill={PALETTE[0]} />
          </g>
        );
      })}
    </svg>
  );
}
