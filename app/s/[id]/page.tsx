import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getShare } from '@/lib/store/shares';
import { SharedConversation } from '@/components/share/shared-conversation';
import { describeShare } from '@/lib/share/describe-share';
import { pageTurns } from '@/lib/share/page-turns';

export const runtime = 'nodejs';

type Props = { params: Promise<{ id: string }> };

/** Runs the page draws whole, from the end; earlier turns go as plain text, their runs fetched when asked for. */
const WHOLE_RUNS = 5;

/** One read of the share per request: the metadata and the page both need it, and a snapshot can be 1 MB. */
const findShare = cache(getShare);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const result = await findShare((await params).id);
  if (result.status !== 'found') return { title: 'Conversation not found · MoA Studio', robots: { index: false } };
  const { title, description } = describeShare(result.share.snapshot);
  return {
    title: `${title} · MoA Studio`,
    description,
    openGraph: { title, description, type: 'article', siteName: 'MoA Studio' },
    twitter: { card: 'summary_large_image', title, description },
    robots: { index: false },
  };
}

/** A shared conversation, read-only and server-rendered: its text reads without JavaScript. */
export default async function SharedConversationPage({ params }: Props) {
  const { id } = await params;
  const result = await findShare(id);
  if (result.status !== 'found') notFound();
  const { earlier, recent } = pageTurns(result.share.snapshot.messages, WHOLE_RUNS);
  return <SharedConversation id={id} createdAt={result.share.createdAt} earlier={earlier} recent={recent} />;
}
