import type { DisplayStatus } from '@/lib/client/agent-display';

/** A small icon per status, so status never depends on colour alone. */
export function StatusIcon({ status }: { status: DisplayStatus }) {
  const common = { width: 14, height: 14, viewBox: '0 0 16 16', className: 'shrink-0' } as const;
  switch (status) {
    case 'queued':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="8" cy="8" r="5.5" strokeDasharray="2 2" />
        </svg>
      );
    case 'thinking':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" className="shrink-0 motion-safe:animate-spin">
          <path d="M8 2.5a5.5 5.5 0 1 0 5.5 5.5" />
        </svg>
      );
    case 'streaming':
      return (
        <svg {...common} aria-hidden="true" fill="currentColor">
          <circle cx="3" cy="8" r="1.7" className="motion-safe:animate-pulse" />
          <circle cx="8" cy="8" r="1.7" className="motion-safe:animate-pulse [animation-delay:150ms]" />
          <circle cx="13" cy="8" r="1.7" className="motion-safe:animate-pulse [animation-delay:300ms]" />
        </svg>
      );
    case 'retrying':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5v2.5h-2.5" />
        </svg>
      );
    case 'done':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M3 8.5l3.2 3L13 4.5" />
        </svg>
      );
    case 'failed':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      );
    case 'cut':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="4.5" cy="11.5" r="2" />
          <circle cx="11.5" cy="11.5" r="2" />
          <path d="M5.8 10L12 2.5M10.2 10L4 2.5" />
        </svg>
      );
    case 'skipped':
      return (
        <svg {...common} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M3 8h8M8.5 5l3 3-3 3" />
        </svg>
      );
    case 'stopped':
      return (
        <svg {...common} aria-hidden="true" fill="currentColor">
          <rect x="4" y="4" width="8" height="8" rx="1" />
        </svg>
      );
  }
}
