/**
 * A small accessible SVG bar chart: one bar per value, optional shaded bands (the night
 * window), a title for each bar, and the numbers also given as a table for screen readers.
 * Drawn with React elements, so no script or style attribute is needed under the page's CSP.
 */
import { useEffect, useRef, useState } from 'react';

export interface Bar {
  label: string;
  value: number;
  shaded?: boolean;
}

export function BarChart({ title, bars, height = 140 }: { title: string; bars: Bar[]; height?: number }) {
  // Drawn at the width it is shown at (one unit = one CSS pixel), so that its labels keep
  // their size on a phone instead of being scaled down with the picture.
  const box = useRef<HTMLElement>(null);
  const [w, setW] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      if (width > 0) setW(Math.max(160, width));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const pad = 24;
  const bw = (w - pad) / Math.max(1, bars.length);
  // As many labels as fit without touching (a "11-29" label is about 34 px wide at 12 px).
  const fit = Math.max(2, Math.floor((w - pad) / 44));
  const every = Math.max(1, Math.ceil(bars.length / fit));
  return (
    <figure className="chart" ref={box}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${height + 20}`} width={w} height={height + 20} role="img" aria-label={title}>
        {bars.map((b, i) =>
          b.shaded ? <rect key={`s${i}`} className="shade" x={pad + i * bw} y={0} width={bw} height={height} /> : null,
        )}
        <line className="axis" x1={pad} y1={height} x2={w} y2={height} />
        <text className="tick" x={2} y={10}>
          {max}
        </text>
        {bars.map((b, i) => {
          const h = (b.value / max) * (height - 12);
          return (
            <g key={i}>
              <rect className={b.shaded ? 'bar night' : 'bar'} x={pad + i * bw + bw * 0.15} y={height - h} width={bw * 0.7} height={h}>
                <title>{`${b.label}: ${b.value}`}</title>
              </rect>
              {i % every === 0 && (
                <text className="tick" x={pad + i * bw + bw / 2} y={height + 14} textAnchor="middle">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div className="sr-only">
      <table>
        <caption>{title}</caption>
        <tbody>
          {bars.map((b, i) => (
            <tr key={i}>
              <th scope="row">{b.label}</th>
              <td>{b.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
