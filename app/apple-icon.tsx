import { ImageResponse } from 'next/og';

export const size = { width: 180, height: 180 };
export const contentType = 'image/png';

const COLUMNS = [
  { color: '#38bdf8', dots: ['top', 'middle', 'bottom'] },
  { color: '#34d399', dots: ['upper', 'lower'] },
  { color: '#fbbf24', dots: ['answer'] },
];

/**
 * The home-screen icon iOS asks for, a PNG since it ignores SVG icons: the favicon's motif (proposers, then a
 * narrower layer, then one answer) drawn as three columns of dots on the house's near-black.
 */
export default function AppleIcon() {
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 22,
        background: '#0b0b0f',
      }}
    >
      {COLUMNS.map(({ color, dots }) => (
        <div key={color} style={{ display: 'flex', flexDirection: 'column', gap: 14 }}>
          {dots.map((dot) => (
            <div key={dot} style={{ width: 30, height: 30, borderRadius: 15, background: color }} />
          ))}
        </div>
      ))}
    </div>,
    size,
  );
}
