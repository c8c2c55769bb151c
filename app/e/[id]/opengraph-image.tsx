import { ImageResponse } from 'next/og';
import { getEvalShareCard } from '@/lib/store/eval-shares';

export const runtime = 'nodejs';
export const alt = 'A shared Mixture-of-Agents evaluation report';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

/** The link preview of a shared report: the suite, the first headline, and whether it was simulated. */
export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const result = await getEvalShareCard((await params).id);
  const card = result.status === 'found' ? result.share : undefined;
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 64,
        background: '#0b0b0f',
        color: '#f4f4f5',
        fontSize: 32,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, color: '#7dd3fc', fontSize: 30 }}>
        <div style={{ display: 'flex', gap: 6 }}>
          {['#38bdf8', '#34d399', '#fbbf24'].map((color) => (
            <div key={color} style={{ width: 22, height: 22, borderRadius: 11, background: color }} />
          ))}
        </div>
        MoA Studio · Evaluation{card ? ` · ${card.suiteName}` : ''}
      </div>
      <div style={{ display: 'flex', fontSize: 54, fontWeight: 700, lineHeight: 1.2 }}>
        {card ? card.headline || 'Nothing judged yet' : 'This report is not here'}
      </div>
      <div style={{ display: 'flex', gap: 40, color: '#fbbf24' }}>
        {card?.simulated ? 'Simulated: the built-in simulator, not real models' : ''}
      </div>
    </div>,
    size,
  );
}
