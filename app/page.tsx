import { MoaChat } from '@/components/chat/moa-chat';

export default function HomePage() {
  return <MoaChat />;
}
