import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EvalApp } from '@/components/eval/eval-app';

export const metadata: Metadata = {
  title: 'Evaluate · MoA Studio',
  description: 'Run a question set through MoA setups and single models, judged AlpacaEval or MT-Bench style, with costs and times.',
};

export default function EvalPage() {
  return (
    <Suspense>
      <EvalApp />
    </Suspense>
  );
}
