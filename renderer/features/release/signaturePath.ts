interface StrokePoint {
  x: number;
  y: number;
}
interface Stroke {
  points: readonly StrokePoint[];
}

/** signature_pad strokes → SVG path data ("M x y L x y …"), rounded to whole pixels. */
export function strokesToSvgPath(strokes: readonly Stroke[]): string | null {
  const parts: string[] = [];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke.points;
    if (!first) continue;
    parts.push(`M ${Math.round(first.x)} ${Math.round(first.y)}`);
    if (rest.length === 0) parts.push(`L ${Math.round(first.x) + 1} ${Math.round(first.y)}`);
    for (const point of rest) parts.push(`L ${Math.round(point.x)} ${Math.round(point.y)}`);
  }
  return parts.length > 0 ? parts.join(' ').slice(0, 60_000) : null;
}
