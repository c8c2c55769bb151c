import { ImageResponse } from 'next/og';
import { describeShare } from '@/lib/share/describe-share';
import { getShare } from '@/lib/store/shares';

export const runtime = 'nodejs';
export const alt = 'A shared Mixture-of-Agents conversation';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

/** The link preview of a share: the question, the preset, layers × agents and the total time. */
export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const result = await getShare((await params).id);
  const facts = result.status === 'found' ? describeShare(result.share.snapshot) : undefined;
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: 64, background: '#0b0b0f', color: '#f4f4f5', fontSize: 32 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, color: '#7dd3fc', fontSize: 30 }}>
          <div style={{ display: 'flex', gap: 6 }}>
            {['#38bdf8', '#34d399', '#fbbf24'].map((color) => (
              <div key={color} style={{ width: 22, height: 22, borderRadius: 11, background: color }} />
            ))}
          </div>
          MoA Studio · Mixture-of-Agents
        </div>
        <div style={{ display: 'flex', fontSize: 60, fontWeight: 700, lineHeight: 1.15 }}>
          {facts ? `“${facts.title}”` : 'This conversation is not here'}
        </div>
        <div style={{ display: 'flex', gap: 40, color: '#d4d4d8' }}>
          {[facts?.preset && `Preset: ${facts.preset}`, facts?.shape, facts?.time && `Total ${facts.time}`, facts?.simulated && 'Simulated']
            .filter(Boolean)
            .map((fact) => (
              <div key={String(fact)} style={{ display: 'flex' }}>
                {fact}
              </div>
            ))}
        </div>
      </div>
    ),
    size,
  );
}
