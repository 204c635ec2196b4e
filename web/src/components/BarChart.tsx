/**
 * A small accessible SVG bar chart: one bar per value, optional shaded bands (the night
 * window), a title for each bar, and the numbers also given as a table for screen readers.
 * Drawn with React elements, so no script or style attribute is needed under the page's CSP.
 */
export interface Bar {
  label: string;
  value: number;
  shaded?: boolean;
}

export function BarChart({ title, bars, height = 140 }: { title: string; bars: Bar[]; height?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 600;
  const pad = 24;
  const bw = (w - pad) / Math.max(1, bars.length);
  const every = Math.ceil(bars.length / 12);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${height + 20}`} role="img" aria-label={title} preserveAspectRatio="none">
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
