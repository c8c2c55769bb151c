import type { ShareSnapshot } from '@/lib/protocol/share';
import { formatDuration } from '@/lib/format';
import { PRESETS } from '@/lib/models/presets';

/** What a shared conversation is about, in a line: for the page title, link previews and the Open Graph image. */
export function describeShare(snapshot: ShareSnapshot) {
  const question = snapshot.messages.find((message) => message.role === 'user')?.text ?? 'A Mixture-of-Agents answer';
  const lastRun = [...snapshot.messages].reverse().find((message) => message.role === 'assistant');
  const parts = lastRun?.role === 'assistant' ? lastRun.parts : [];
  const run = parts.find((part) => part.type === 'data-run')?.data;
  const summary = parts.find((part) => part.type === 'data-summary')?.data;
  const layers = run?.layers.length ?? 0;
  const agents = run?.layers.reduce((sum, layer) => sum + layer.agents.length, 0) ?? 0;
  const shape = layers > 0 ? `${layers} layers, ${agents} agents` : undefined;
  const time = summary ? formatDuration(summary.wallTimeMs) : undefined;
  const preset = PRESETS.find((candidate) => candidate.id === run?.preset)?.name ?? run?.preset;
  const title = question.length > 90 ? `${question.slice(0, 89)}…` : question;
  const description = ['Mixture-of-Agents answer', preset && `preset ${preset}`, shape, time && `in ${time}`, run?.simulated && 'simulated']
    .filter(Boolean)
    .join(' · ');
  return { title, question, preset, shape, time, simulated: run?.simulated ?? false, description };
}
