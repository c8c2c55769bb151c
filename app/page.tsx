import { ChatApp } from '@/components/chat/chat-app';

export default function HomePage() {
  return <ChatApp />;
}
