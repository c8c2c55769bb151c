import type { MoaUIMessage } from '@/lib/protocol/moa-message';

/** The user's question, as a bubble on the right. */
export function UserTurn({ message }: { message: MoaUIMessage }) {
  return <UserBubble text={message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')} />;
}

export function UserBubble({ text }: { text: string }) {
  return (
    <div className="ml-auto w-fit max-w-[85%] rounded-lg bg-zinc-100 px-3 py-2 whitespace-pre-wrap dark:bg-zinc-800">{text}</div>
  );
}
